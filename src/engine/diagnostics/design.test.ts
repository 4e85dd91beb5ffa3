/**
 * Findings about the design itself need no VM: a design without a migration (no VM yet, or none
 * chosen) still gets its session, filter and priority findings, the same ones a simulation gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../../model';
import { applyFix } from '../../model/edit/fixes';
import { simulate } from '../simulate';
import { diagnose, diagnoseDesign } from './index';

function load(edit: (text: string) => string): Topology {
  const text = readFileSync(new URL('../../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8');
  const parsed = parseDesign(edit(text));
  if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
  return parsed.value.doc;
}

/** The default design with tor-a's BGPPeer in the wrong AS and rack-b's without the filter. */
const broken = (t: string) =>
  t
    .replace('peerIP: 10.0.1.1, asNumber: 65001', 'peerIP: 10.0.1.1, asNumber: 65009')
    .replace('asNumber: 65002, filters: [kubevirt-live-migration]', 'asNumber: 65002');

/** The same design with no VM, no migration, no expected verdicts and no lesson. */
function withoutVm(doc: Topology): Topology {
  const d = structuredClone(doc);
  d.spec.vms = [];
  delete d.spec.migration;
  delete d.metadata.expected;
  delete d.lesson;
  return d;
}

const summary = (list: readonly { code: string; severity: string; subjects: readonly string[]; phase?: string }[]) =>
  list.map((d) => `${d.severity} ${d.code}${d.phase ? ` [${d.phase}]` : ''}: ${d.subjects.join(', ')}`);

describe('findings without a VM', () => {
  it('reports sessions that do not come up and peerings without the filter, with their fixes', () => {
    const doc = withoutVm(load(broken));
    const found = diagnoseDesign(doc);
    expect(summary(found)).toEqual([
      'error LR-EBGP-NO-PRIORITY: rack-b-tor, tor-b',
      'error LR-SESSION-DOWN: node-a1, tor-a, rack-a-tor',
      'error LR-SESSION-DOWN: node-a2, tor-a, rack-a-tor',
    ]);
    const down = found.find((d) => d.code === 'LR-SESSION-DOWN');
    expect(down?.message).toBe(
      'The BGP session node-a1 ↔ tor-a does not come up: AS mismatch: node-a1 expects tor-a in AS 65009, but tor-a speaks AS 65001.',
    );
    expect(down?.action).toEqual({ kind: 'set-peer-as', peer: 'rack-a-tor', asNumber: 65001 });
    const fixedAs = applyFix(doc, down?.action ?? { kind: 'set-bgp-normal-priority', value: undefined });
    if (!fixedAs.ok) throw new Error(fixedAs.error);
    expect(summary(diagnoseDesign(fixedAs.value))).toEqual(['error LR-EBGP-NO-PRIORITY: rack-b-tor, tor-b']);
  });

  it('gives exactly the design-wide findings the simulation of the same design with its VM gives', () => {
    const withVm = load(broken);
    const simulated = diagnose(simulate(withVm)).filter((d) => d.phase === undefined);
    expect(simulated.length).toBeGreaterThan(0);
    expect(diagnoseDesign(withoutVm(withVm))).toEqual(simulated);
  });

  it('finds nothing in a clean design without a VM', () => {
    expect(diagnoseDesign(withoutVm(load((t) => t)))).toEqual([]);
  });
});
