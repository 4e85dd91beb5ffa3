import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures';

test.describe('fabric designer', () => {
  test('opens the built-in default design, readable', async ({ app, page }) => {
    await app.open();
    await expect(page.getByTestId('design-title')).toHaveText(
      'Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter',
    );
    for (const name of ['rack-a', 'rack-b']) await expect(app.rack(name)).toBeVisible();
    for (const name of ['tor-a', 'tor-b', 'spine-1', 'border-1']) await expect(app.router(name)).toBeVisible();
    await expect(page.getByText('eBGP 65000 ↔ 65001')).toBeVisible();
    await expect(page.getByText('eBGP 65101–65102 → 65001')).toBeVisible();
    await expect(app.node('node-a1').getByTestId('vm-vm-1')).toContainText('10.244.1.5');
  });

  test('draws a rack with two nodes and a ToR, peers it, edits with validation, undo, redo, reload', async ({
    app,
    page,
  }) => {
    await app.open();
    const pane = await page.locator('.react-flow').boundingBox();
    if (!pane) throw new Error('no canvas');
    // The view is fitted to the design: zoomed out (twice, around the middle), the lower left of
    // the canvas is empty.
    await page.getByTestId('zoom-out').click();
    await page.getByTestId('zoom-out').click();
    let view: string | null = null;
    await expect
      .poll(
        async () => {
          const now = await page.locator('.react-flow__viewport').getAttribute('style');
          const still = now === view;
          view = now;
          return still;
        },
        { intervals: [150] },
      )
      .toBe(true);
    await app.dragFromPalette('rack', { x: pane.x + 60, y: pane.y + pane.height - 120 });
    await expect(app.rack('rack-c')).toBeVisible();
    // The new rack may sit partly under the timeline: fit the view, and wait for its animation to end.
    await app.menu('view', 'cmd-view.fit');
    const intoRack = async () => {
      // Adding a node may pan the view to keep it in sight: aim once the view is still.
      await app.viewAtRest();
      const box = await app.rack('rack-c').boundingBox();
      if (!box) throw new Error('rack-c not visible');
      return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 50) };
    };
    await app.dragFromPalette('node', await intoRack());
    await expect(app.node('node-c1')).toBeVisible();
    await app.dragFromPalette('node', await intoRack());
    await expect(app.node('node-c2')).toBeVisible();
    await app.dragFromPalette('tor', await intoRack());
    await expect(app.router('tor-c')).toBeVisible();
    let yaml = await app.yaml();
    expect(yaml).toContain('- { name: rack-c, subnet: 10.0.3.0/24 }');
    expect(yaml).toContain('- { name: node-c1, rack: rack-c, address: 10.0.3.11, blocks: [ 10.244.0.0/26 ] }');
    expect(yaml).toContain('- { name: node-c2, rack: rack-c, address: 10.0.3.12, blocks: [ 10.244.0.64/26 ] }');
    expect(yaml).toMatch(/name: tor-c\n\s+role: tor\n\s+rack: rack-c\n\s+asNumber: 65003\n\s+address: 10.0.3.1\n/);

    // Connect the rack (its knob) to the ToR: a BGPPeer for the rack's nodes.
    await page.keyboard.press('Shift+1');
    await app.viewAtRest();
    await app.drag(await app.center(page.getByTestId('rack-handle-rack-c')), await app.center(app.router('tor-c')));
    yaml = await app.yaml();
    expect(yaml).toMatch(
      /metadata: \{ name: rack-c-tor-c \}\n\s+spec:\n\s+nodeSelector: rack == 'rack-c'\n\s+peerIP: 10.0.3.1\n\s+asNumber: 65003\n/,
    );
    await expect(page.getByText('BGP 64512 → 65003').or(page.getByText('eBGP 64512 → 65003'))).toBeVisible();

    // Select the ToR and edit its AS number: an invalid value is refused with a message.
    await app.router('tor-c').click();
    const asField = app.field('field-asNumber');
    await asField.fill('70000000000');
    await expect(app.field('field-asNumber-error')).toHaveText('an AS number is from 1 to 4294967295');
    await asField.press('Enter');
    expect(await app.yaml()).toMatch(/asNumber: 65003\n\s+address: 10.0.3.1\n/);
    await asField.fill('65010');
    await expect(app.field('field-asNumber-error')).toHaveCount(0);
    await asField.press('Enter');
    expect(await app.yaml()).toMatch(/name: tor-c\n\s+role: tor\n\s+rack: rack-c\n\s+asNumber: 65010\n/);

    await page.keyboard.press('Control+z');
    await expect(asField).toHaveValue('65003');
    expect(await app.yaml()).toMatch(/rack: rack-c\n\s+asNumber: 65003\n/);
    await page.keyboard.press('Control+Shift+z');
    await expect(asField).toHaveValue('65010');
    const before = await app.yaml();
    expect(before).toMatch(/rack: rack-c\n\s+asNumber: 65010\n/);

    // Autosave: once the design is in browser storage, a reload brings it back.
    const saved = await app.json();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('liveroute.design'))).toBe(saved);
    await page.reload();
    await expect(app.router('tor-c')).toBeVisible();
    expect(await app.yaml()).toBe(before);
  });

  test('refuses a malformed file, listing its issues, and keeps the design', async ({ app, page }, testInfo) => {
    await app.open();
    const before = await app.yaml();
    const broken = before
      .replace('address: 10.0.1.12', 'address: 10.0.1.300')
      .replace('platform: bird1', 'platform: cisco');
    const path = testInfo.outputPath('broken.liveroute.yaml');
    await writeFile(path, broken);
    await page.getByTestId('file-input').setInputFiles(path);
    const dialog = page.getByTestId('issues-dialog');
    await expect(dialog).toContainText('broken.liveroute.yaml was not opened');
    const items = page.getByTestId('issues-list').locator('li');
    await expect(items).toHaveText([
      /^spec\.nodes\[1\]\.address \(line \d+, column \d+\): 10\.0\.1\.300 is not an IPv4 address$/,
      /^spec\.routers\[0\]\.platform \(line \d+, column \d+\): platform must be one of bird1, bird2, frr, eos, nxos, junos, got the string "cisco"$/,
    ]);
    const line = broken.split('\n').findIndex((l) => l.includes('10.0.1.300')) + 1;
    await expect(items.first()).toContainText(`(line ${line},`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await app.yaml()).toBe(before);

    // A foreign file: not YAML of a design at all.
    await writeFile(path, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n');
    await page.getByTestId('file-input').setInputFiles(path);
    await expect(page.getByTestId('issues-list')).toContainText(
      'apiVersion (line 1, column 1): apps/v1 is not a liveroute design (expected apiVersion liveroute/v1)',
    );
    await page.keyboard.press('Escape');
    expect(await app.yaml()).toBe(before);

    // Calico resources are imported, and broken ones are refused with their document and line.
    await writeFile(path, '{"apiVersion": "projectcalico.org/v3", "kind": "BGPPeer"}');
    await page.getByTestId('file-input').setInputFiles(path);
    await expect(page.getByTestId('issues-dialog')).toContainText(
      'broken.liveroute.yaml: Calico resources not imported',
    );
    await expect(page.getByTestId('issues-list')).toContainText(
      'metadata.name (line 1, column 1): (document 1) is required',
    );
    await page.keyboard.press('Escape');
    expect(await app.yaml()).toBe(before);
  });

  test('saves YAML and JSON and re-imports them identical', async ({ app, page }) => {
    await app.open();
    const original = await app.yaml();
    for (const [command, suffix] of [
      ['cmd-file.saveYaml', 'yaml'],
      ['cmd-file.saveJson', 'json'],
    ] as const) {
      const download = page.waitForEvent('download');
      await app.menu('file', command);
      const file = await download;
      expect(file.suggestedFilename()).toBe(`two-racks-ebgp.liveroute.${suffix}`);
      const path = await file.path();
      const text = await readFile(path, 'utf8');
      if (suffix === 'yaml') expect(text).toBe(original);
      else expect(JSON.parse(text).metadata.name).toBe('two-racks-ebgp');
      await page
        .getByTestId('file-input')
        .setInputFiles({ name: file.suggestedFilename(), mimeType: 'text/plain', buffer: Buffer.from(text) });
      // Said in the toolbar (the newest notice in sight, the others behind +N).
      await expect(
        page.getByTestId('notice').filter({ hasText: `Opened two-racks-ebgp.liveroute.${suffix}` }),
      ).toHaveCount(1);
      expect(await app.yaml()).toBe(original);
    }
  });

  test('auto-layout places every element without overlaps', async ({ app, page }) => {
    await app.open();
    await page.getByTestId('auto-layout').click();
    await expect.poll(async () => (await app.yaml()).includes('positions:')).toBe(true);
    const yaml = await app.yaml();
    for (const name of ['rack-a', 'rack-b', 'tor-a', 'node-a1', 'spine-1', 'border-1'])
      expect(yaml).toMatch(new RegExp(`\\n\\s+${name}: \\[ -?\\d+, -?\\d+ \\]`));
    // The layout ends with an animated fit of the view.
    await app.viewAtRest();
    const boxes = await Promise.all(['rack-a', 'rack-b'].map((r) => app.rack(r).boundingBox()));
    const routers = await Promise.all(['spine-1', 'border-1'].map((r) => app.router(r).boundingBox()));
    const all = [...boxes, ...routers].map((b) => {
      if (!b) throw new Error('missing box');
      return b;
    });
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const [a, b] = [all[i]!, all[j]!];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `elements ${i} and ${j} overlap`).toBe(false);
      }
    // Undo brings the previous layout back in one step.
    await page.keyboard.press('Control+z');
    expect(await app.yaml()).not.toContain('positions:');
  });

  test('multi-select, copy, paste and delete with the keyboard', async ({ app, page }) => {
    await app.open();
    await app.rack('rack-b').click({ position: { x: 30, y: 12 } });
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(app.rack('rack-c')).toBeVisible();
    await expect(app.router('tor-c')).toBeVisible();
    let yaml = await app.yaml();
    expect(yaml).toContain('name: node-c1, rack: rack-c, address: 10.0.3.11');
    expect(yaml).toMatch(
      /metadata: \{ name: rack-c-tor \}\n\s+spec:\n\s+nodeSelector: rack == 'rack-c'\n\s+peerIP: 10.0.3.1\n/,
    );
    await app.router('spine-1').click();
    await app.router('border-1').click({ modifiers: ['Shift'] });
    await expect(app.inspector).toContainText('2 selected');
    await page.keyboard.press('Delete');
    yaml = await app.yaml();
    expect(yaml).not.toContain('name: spine-1');
    // Gone with their links and sessions (the lesson may still name them: a finding, not a file error).
    const spec = (
      JSON.parse(await app.json()) as {
        spec: { routers: { name: string }[]; links?: string[][]; sessions?: string[][] };
      }
    ).spec;
    expect(spec.routers.map((r) => r.name)).toEqual(['tor-a', 'tor-b', 'tor-c']);
    expect(
      [...(spec.links ?? []).flat(), ...(spec.sessions ?? []).flat()].filter(
        (n) => n === 'border-1' || n === 'spine-1',
      ),
    ).toEqual([]);
    await page.keyboard.press('Control+z');
    expect(await app.yaml()).toContain('name: spine-1');
  });
});

test.describe('templates, generator, drop and scenarios', () => {
  test('imports Calico resources as kubectl prints them into the design (undoable)', async ({
    app,
    page,
  }, testInfo) => {
    await app.open();
    const before = await app.yaml();
    const path = testInfo.outputPath('cluster.yaml');
    await writeFile(
      path,
      [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: crd.projectcalico.org/v1',
        '  kind: Node',
        '  metadata: { name: worker-1, uid: 8f1c, resourceVersion: "99" }',
        '  spec: { bgp: { ipv4Address: 10.0.7.21/24, asNumber: 65701 } }',
        '- apiVersion: crd.projectcalico.org/v1',
        '  kind: BGPPeer',
        '  metadata: { name: rack-7-tor }',
        '  spec: { nodeSelector: "kubernetes.io/hostname == \'worker-1\'", peerIP: 10.0.7.1, asNumber: 65007 }',
        '',
      ].join('\n'),
    );
    await page.getByTestId('file-input').setInputFiles(path);
    await expect(page.getByTestId('import-report')).toContainText(
      'rack rack-3 (10.0.7.0/24) created for node addresses in it',
    );
    await expect(page.getByTestId('import-report')).toContainText(
      'router tor-3 (tor, AS 65007, 10.0.7.1) created for BGPPeer rack-7-tor',
    );
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(app.node('worker-1')).toBeVisible();
    await expect(app.router('tor-3')).toBeVisible();
    await expect(page.getByText('eBGP 65701 → 65007')).toBeVisible();
    await page.keyboard.press('Control+z');
    expect(await app.yaml()).toBe(before);
  });

  test('adds a rack from the template and generates a fabric; undo restores the design', async ({ app, page }) => {
    await app.open();
    await page.getByTestId('open-rack-template').click();
    await page.getByLabel('a ToR pair').check();
    await page.getByTestId('template-nodes').fill('3');
    await page.getByTestId('template-create').click();
    await expect(app.router('tor-c1')).toBeVisible();
    await expect(app.router('tor-c2')).toBeVisible();
    const yaml = await app.yaml();
    expect(yaml).toMatch(
      /- name: node-c3\n\s+rack: rack-c\n\s+address: 10.0.3.13\n\s+asNumber: 65303\n\s+blocks: \[ 10.244.0.128\/26 \]\n/,
    );
    expect(yaml).toMatch(/- \[ tor-c1, spine-1 \]\n\s+- \[ tor-c2, spine-1 \]/);
    expect(yaml).toMatch(
      /metadata: \{ name: rack-c-tor-c2 \}\n\s+spec:\n\s+nodeSelector: rack == 'rack-c'\n\s+peerIP: 10.0.3.2\n\s+asNumber: 65003\n\s+filters: \[ kubevirt-live-migration \]/,
    );

    await app.generateFabric(3, 2, 2);
    await expect(page.getByTestId('design-title')).toHaveText('Generated fabric: 3 racks × 2 nodes, 2 spines');
    await expect(app.rack('rack-03')).toBeVisible();
    await expect(app.router('spine-2')).toBeVisible();
    await page.keyboard.press('Control+z');
    await expect(app.router('tor-c2')).toBeVisible();
    expect(await app.yaml()).toBe(yaml);
  });

  test('opens a file dropped on the window, and a scenario from the menu', async ({ app, page }) => {
    await app.open();
    await app.menu('scenarios', 'scenario-single-rack-mesh');
    await expect(page.getByTestId('design-title')).toHaveText('Single rack, node-to-node mesh (iBGP)');
    await expect(app.rack('rack-a')).toContainText('iBGP mesh');
    const text = (await app.yaml()).replace('single-rack-mesh', 'dropped-design');
    const transfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.liveroute.yaml', { type: 'application/yaml' }));
      return dt;
    }, text);
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
    await expect(page.getByTestId('notice').filter({ hasText: 'Opened dropped.liveroute.yaml' })).toHaveCount(1);
    expect(await app.yaml()).toBe(text);
  });
});
