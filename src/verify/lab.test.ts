/**
 * The lab for real: the default design on BIRD 1.6 daemons in network namespaces agrees with the
 * engine in every phase, and the same observation refuses an engine result altered on purpose.
 * Needs root, iproute2 and BIRD 1.6 (scripts/install-daemons.sh); without them the test says
 * why and passes, except in CI (CI=1), where it fails. `npm run verify:bird -- --builtin` runs
 * every built-in design the same way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDaemonSync } from './daemons';
import { formatIssue, parseDesign } from '../model';
import { compare } from './compare';
import { LAB_PREFIX, labUnavailable } from './lab';
import { runDesign } from './run';

const bird = findDaemonSync('bird1');
const missing = labUnavailable(bird.path);
if (missing && process.env.CI) throw new Error(`the real-BIRD lab is required in CI, but ${missing}`);
if (missing) console.warn(`SKIPPED the real-BIRD lab: ${missing}`);

describe.skipIf(missing !== undefined)('the real-BIRD lab', () => {
  it('two-racks-ebgp agrees with the engine in every phase, and an altered engine result does not', async () => {
    const parsed = parseDesign(
      readFileSync(new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
    const r = await runDesign(parsed.value.doc, { bird: bird.path as string, tag: 'labtest' });
    expect(r.checks.filter((c) => !c.agree)).toEqual([]);
    expect(r.checks.filter((c) => c.aspect === 'flow')).toHaveLength(25);
    expect(r.phases.map((p) => [p.name, p.converged])).toEqual([
      ['base', true],
      ['target', true],
      ['live', true],
      ['source-deleted', true],
      ['settled', true],
    ]);
    // What the lab saw, against an engine that claims node-a2 blackholes in `live`.
    const altered = {
      ...r.report,
      phases: r.report.phases.map((p) =>
        p.name !== 'live'
          ? p
          : { ...p, flows: p.flows.map((f) => (f.client === 'node-a2' ? { ...f, outcome: 'blackhole' as const } : f)) },
      ),
    };
    const bad = compare(altered, r.sessions, r.configErrors, {
      protocols: r.protocols,
      startErrors: r.startErrors,
      phases: r.phases,
    }).filter((c) => !c.agree);
    expect(bad.map((c) => `${c.phase} ${c.aspect} ${c.subject}: ${c.engine[0]} / ${c.real[0]}`)).toEqual([
      'live flow node-a2: blackhole, delivered fraction 1 / delivered, delivered fraction 1',
    ]);
    // Nothing of the lab is left behind (its own namespaces: other tests of this process may be running theirs).
    expect(
      existsSync('/run/netns')
        ? readdirSync('/run/netns').filter((n) => n.startsWith(`${LAB_PREFIX}${process.pid}.labtest.`))
        : [],
    ).toEqual([]);
  });
});
