import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { test, expect } from './fixtures';

test.describe('containerlab export', () => {
  test('File → Export for containerlab downloads the configs with a topology that names every speaker', async ({
    app,
    page,
  }) => {
    await app.open();
    await page.getByTestId('menu-file').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('cmd-file.downloadContainerlab').click();
    const zip = await download;
    expect(zip.suggestedFilename()).toBe('two-racks-ebgp.containerlab.zip');
    const entries = unzipSync(await readFile(await zip.path()));
    const topo = parse(strFromU8(entries['two-racks-ebgp/two-racks-ebgp.clab.yml'] as Uint8Array)) as {
      name: string;
      topology: { nodes: Record<string, { binds?: string[] }> };
    };
    expect(topo.name).toBe('two-racks-ebgp');
    expect(Object.keys(topo.topology.nodes).sort()).toEqual([
      'border-1',
      'node-a1',
      'node-a2',
      'node-b1',
      'node-b2',
      'rack-a-segment',
      'rack-b-segment',
      'spine-1',
      'tor-a',
      'tor-b',
    ]);
    // Every bound file is in the zip.
    for (const bind of Object.values(topo.topology.nodes).flatMap((n) => n.binds ?? [])) {
      const src = `two-racks-ebgp/${bind.split(':')[0] as string}`;
      expect(
        Object.keys(entries).some((name) => name === src || name.startsWith(`${src}/`)),
        src,
      ).toBe(true);
    }
    expect(strFromU8(entries['two-racks-ebgp/containerlab/README.md'] as Uint8Array)).toContain(
      'sudo containerlab deploy -t two-racks-ebgp.clab.yml',
    );
  });
});
