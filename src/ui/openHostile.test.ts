// @vitest-environment jsdom
/**
 * Issue 15, finding 9: a 4.7 KB share link of a design with 3,000 identical racks, or File → Open
 * of that design, kept the page busy for tens of seconds (validation was quadratic in the racks,
 * finding 3). Both paths, through the functions the app calls, refuse it with the first issues
 * and change nothing. No clock is read here: a slow validation shows as this file's timeout.
 */
import { deflateSync, strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { serializeDesign, type Topology } from '../model';
import { scenarioById } from '../scenarios';
import { encodeBase64url } from '../share/base64url';
import { MAX_FRAGMENT_CHARS } from '../share/link';
import { createDesignStore } from '../store/design';
import { createSimulationStore } from '../store/simulation';
import { createUiStore } from '../store/ui';
import { openFile } from './actions';
import type { Stores } from './context';
import { inProcessClient } from './diagnostics/test-support';
import { openShareFromLocation } from './share/openShared';

const RACKS = 3000;

function setup(): Stores {
  const design = createDesignStore(scenarioById('single-rack-mesh')?.doc as Topology);
  return {
    design,
    ui: createUiStore({ animate: false }),
    simulation: createSimulationStore(design, inProcessClient),
    worker: inProcessClient,
  };
}

/** The default design with its racks replaced by 3,000 copies of `{ name: r, subnet: 10.0.0.0/24 }`. */
function identicalRacks(): Record<string, unknown> {
  const doc = structuredClone(scenarioById('two-racks-ebgp')?.doc) as unknown as { spec: { racks: unknown[] } };
  doc.spec.racks = Array.from({ length: RACKS }, () => ({ name: 'r', subnet: '10.0.0.0/24' }));
  return doc as unknown as Record<string, unknown>;
}

const yaml = (s: Stores) => serializeDesign(s.design.getState().doc);

describe('a design of 3,000 identical racks (issue 15, finding 9)', () => {
  beforeEach(() => window.history.replaceState(null, '', '/app/'));

  it('as a share link: refused with a notice naming the second rack, the design unchanged', async () => {
    const s = setup();
    const before = yaml(s);
    const fragment = `#lr1=${encodeBase64url(deflateSync(strToU8(JSON.stringify(identicalRacks())), { level: 9 }))}`;
    // What makes it hostile: a link of a few kilobytes, well within what a link may be.
    expect(fragment.length).toBeLessThan(5000);
    expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    window.history.replaceState(null, '', `/app/${fragment}`);
    await openShareFromLocation(s);
    const notices = s.ui.getState().notices;
    expect(notices.map((n) => n.kind)).toEqual(['error']);
    const text = notices[0]?.text ?? '';
    // The line is the second rack's name in the design printed as File → Save as JSON prints it.
    expect(text.startsWith('The shared design is invalid: spec.racks[1].name (line 55): ')).toBe(true);
    expect(text).toMatch(/^[^;]*\br\b[^;]*\brack\b/);
    expect(text.endsWith(' The current design was not changed.')).toBe(true);
    expect(s.ui.getState().dialog.kind).toBe('none');
    expect(yaml(s)).toBe(before);
    expect(window.location.hash).toBe('');
  });

  it('through File → Open: refused with the issues listed, the second rack first, the design unchanged', async () => {
    const s = setup();
    const before = yaml(s);
    const text = serializeDesign(identicalRacks() as unknown as Topology, 'yaml');
    const firstRackLine = text.split('\n').findIndex((l) => l.includes('name: r')) + 1;
    await openFile(s, new File([text], 'racks.liveroute.yaml'));
    const dialog = s.ui.getState().dialog;
    if (dialog.kind !== 'issues') throw new Error(`expected the issues dialog, got ${dialog.kind}`);
    expect(dialog.report.title).toBe('racks.liveroute.yaml was not opened');
    const first = dialog.report.issues[0];
    expect(first?.path).toEqual(['spec', 'racks', 1, 'name']);
    // One line per rack in the flow style the file uses.
    expect(first?.line).toBe(firstRackLine + 1);
    expect(first?.message).toMatch(/\br\b.*\brack\b/);
    expect(yaml(s)).toBe(before);
  });
});
