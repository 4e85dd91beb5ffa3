/**
 * The IGP step as BIRD 1.x takes it, on the lab design lab-igp-unknown (src/verify/designs): the
 * underlay is kernel routes, which carry no IGP metric, so two next hops behind it tie and the
 * router ID decides, although one is nearer. The real-BIRD lab agrees (docs/verification.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign } from '../model';
import { formatIPv4 } from '../lib/ip';
import { IGP_METRIC_UNKNOWN } from './types';
import { simulate } from './simulate';

const text = readFileSync(new URL('../verify/designs/igp-unknown.liveroute.yaml', import.meta.url), 'utf8');

describe('IGP cost on BIRD speakers', () => {
  it('border-1 hears the borrowed /32 from tor-a (3 hops) and tor-b (2 hops): both unknown, the lower router ID wins', () => {
    const r = parseDesign(text);
    if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
    const live = simulate(r.value.doc).phases.find((p) => p.name === 'live');
    const entry = live?.ribs
      .get('border-1')
      ?.find((e) => formatIPv4(e.prefix.addr) === '10.244.1.69' && e.prefix.len === 32);
    expect(entry?.ranked.map((c) => [c.protocol, c.igpMetric, c.attrs.bgp_path])).toEqual([
      ['peer_tor_a', IGP_METRIC_UNKNOWN, [65001, 65101]],
      ['peer_tor_b', IGP_METRIC_UNKNOWN, [65002, 65201]],
    ]);
    expect(entry?.step).toBe('router-id');
    // spine-1 hears both over directly connected sessions: IGP cost 0 each, the router ID again.
    const spine = live?.ribs
      .get('spine-1')
      ?.find((e) => formatIPv4(e.prefix.addr) === '10.244.1.69' && e.prefix.len === 32);
    expect(spine?.ranked.map((c) => c.igpMetric)).toEqual([0, 0]);
  });
});
