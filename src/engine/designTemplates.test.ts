/**
 * What the rack template, the fabric generator and File → New build must work when the
 * live-migration filter is chosen: every client delivered in every phase, whatever the AS scheme.
 * Without the filter the eBGP designs show the blackhole the filter exists for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesign, validateDesign, type Topology } from '../model';
import { addRack } from '../model/edit/add';
import { generateFabric } from '../model/edit/generate';
import { newDesign } from '../model/edit/newDesign';
import { NODE_AS_SCHEMES, TOR_AS_SCHEMES } from '../model/edit/rackChoices';
import { diagnose } from './diagnostics';
import { simulate } from './simulate';

function defaultDesign(): Topology {
  const parsed = parseDesign(
    readFileSync(new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error('the default design does not parse');
  return parsed.value.doc;
}

function verdicts(doc: Topology): string[] {
  const checked = validateDesign(doc);
  if (!checked.ok) throw new Error(`invalid: ${checked.error.map((i) => i.message).join('; ')}`);
  return simulate(checked.value).phases.map(
    (p) => `${p.name}: ${p.flows.filter((f) => f.outcome === 'delivered').length}/${p.flows.length}`,
  );
}

const all = (n: number) => ['base', 'target', 'live', 'source-deleted', 'settled'].map((p) => `${p}: ${n}/${n}`);
const schemes = NODE_AS_SCHEMES.flatMap((nodeAs) => TOR_AS_SCHEMES.map((torAs) => [nodeAs, torAs] as const));

describe('designs built from the shared rack choices', () => {
  it.each(schemes)('the fabric generator with the filter delivers everywhere (nodes %s, ToRs %s)', (nodeAs, torAs) => {
    const doc = generateFabric({
      racks: 2,
      nodesPerRack: 2,
      spines: 2,
      torsPerRack: 2,
      vms: 1,
      nodeAs,
      torAs,
      liveMigrationFilter: true,
    });
    expect(verdicts(doc)).toEqual(all(5));
  });

  it.each(schemes)(
    'a rack template with the filter, added to the default design, delivers a VM moved into it (nodes %s, ToRs %s)',
    (nodeAs, torAs) => {
      const added = addRack(defaultDesign(), {
        torsPerRack: 1,
        nodesPerRack: 2,
        nodeAs,
        torAs,
        liveMigrationFilter: true,
      });
      if (!added.ok) throw new Error(added.error);
      const doc = structuredClone(added.value.doc);
      doc.spec.migration = { vm: 'vm-1', to: 'node-c1' };
      expect(verdicts(doc)).toEqual(all(7));
    },
  );

  it('without the filter, the eBGP fabric blackholes the source node in live, and the diagnostics say why', () => {
    const doc = generateFabric({
      racks: 2,
      nodesPerRack: 2,
      spines: 1,
      torsPerRack: 1,
      vms: 1,
      liveMigrationFilter: false,
    });
    expect(verdicts(doc)).toEqual(['base: 5/5', 'target: 5/5', 'live: 4/5', 'source-deleted: 5/5', 'settled: 5/5']);
    expect(diagnose(simulate(doc)).map((d) => d.code)).toContain('LR-EBGP-NO-PRIORITY');
  });

  it.each([
    ['one-rack', 3, 3],
    ['two-racks', 2, 5],
  ] as const)('File → New %s (%i nodes per rack) delivers everywhere', (kind, nodesPerRack, clients) => {
    const doc = newDesign({ kind, nodesPerRack });
    if (!doc.ok) throw new Error(doc.error);
    expect(verdicts(doc.value)).toEqual(all(clients));
  });
});
