import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { test, expect } from './fixtures';

const DUMP = fileURLToPath(new URL('../src/calico/fixtures/cluster-dump.calicoctl.yaml', import.meta.url));

test.describe('importing a cluster', () => {
  test('a calicoctl dump goes in through File → Open and every setting comes back out in the zip', async ({
    app,
    page,
  }) => {
    await app.open();
    // File → New: an empty design to import the cluster into.
    await page.keyboard.press('Control+Alt+KeyN');
    await expect(app.newDesignDialog.getByRole('radio', { name: /Empty design/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('design-title')).toHaveText('new-design');
    await page.getByTestId('file-input').setInputFiles(DUMP);
    const report = page.getByTestId('import-report');
    await expect(report).toContainText(
      'BGPConfiguration default: cluster AS, mesh and normal priority; 3 other spec fields kept as they are (listenPort, logSeverityScreen, serviceClusterIPs)',
    );
    await expect(report).toContainText(
      'IPPool default-ipv6-ippool (fd00:10:244::/64) not imported: liveroute designs are IPv4 only',
    );
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).click();

    const download = page.waitForEvent('download');
    await page.getByTestId('menu-file').click();
    await page.getByTestId('cmd-file.downloadZip').click();
    const entries = unzipSync(await readFile(await (await download).path()));
    const file = (path: string) => strFromU8(entries[`new-design/${path}`] as Uint8Array);
    const pools = parse(file('calico/reference/ippools.yaml').replace(/^#.*\n/gm, '')) as {
      metadata: { name: string };
      spec: Record<string, unknown>;
    };
    expect(pools.spec).toEqual({
      cidr: '10.244.0.0/16',
      blockSize: 26,
      disableBGPExport: false,
      ipipMode: 'Never',
      vxlanMode: 'Never',
      natOutgoing: true,
      nodeSelector: 'all()',
      allowedUses: ['Workload', 'Tunnel'],
      assignmentMode: 'Automatic',
    });
    const bgp = parse(file('calico/reference/bgpconfiguration.yaml').replace(/^#.*\n/gm, '')) as {
      spec: Record<string, unknown>;
    };
    expect(bgp.spec).toEqual({
      asNumber: 64512,
      nodeToNodeMeshEnabled: false,
      ipv4NormalRoutePriority: 1024,
      logSeverityScreen: 'Info',
      listenPort: 179,
      serviceClusterIPs: [{ cidr: '10.96.0.0/12' }],
    });
    expect(file('calico/settings.sh')).toContain(
      `calicoctl patch felixconfiguration 'default' --patch '{"spec":{"ipv4NormalRoutePriority":1024,"ipv4ElevatedRoutePriority":512,"liveMigrationRouteConvergenceTime":"45s","bpfConnectTimeLoadBalancing":"TCP"`,
    );
    // What is safe to apply: the filters and the peers, nothing of the cluster's own objects.
    expect(file('calico-manifests.yaml')).not.toMatch(/kind: (Node|IPPool|BGPConfiguration|FelixConfiguration)\b/);
  });
});
