/**
 * The words next to each route: the decisive step, where the deciding values came from (a filter
 * rule, BIRD's default), the filter names users know, why a kernel route forwards or loses.
 * Exact texts: they are what a network engineer reads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBirdConfig } from '../bird/lang/configParser';
import { runFilter } from '../bird/lang/interpreter';
import type { Route } from '../bird/lang/route';
import { formatIssue, parseDesign } from '../model';
import { diagnose } from './diagnostics';
import { conditionPhrase, describeDecision, explainCandidate, filterPlace } from './explain';
import { toReport } from './report';
import { simulate } from './simulate';
import { bgpRoute, localRoute } from './test-speakers';

const report = (name: string) => {
  const r = parseDesign(readFileSync(new URL(`../scenarios/${name}.liveroute.yaml`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  const sim = simulate(r.value.doc);
  return toReport(sim, diagnose(sim));
};

/** A route as an import filter leaves it, with the decision that records what it set. */
function imported(filter: string, attrs: Partial<Route>): ReturnType<typeof bgpRoute> {
  const cfg = parseBirdConfig({ name: 'bird.cfg', text: filter });
  const base = bgpRoute({ attrs });
  const out = runFilter(
    cfg,
    { k: 'named', name: 'f', at: { file: 'bird.cfg', line: 1, col: 1, text: 'f' } },
    base.attrs,
  );
  return { ...base, attrs: out.route, importDecision: out.decision, protocol: 'peer_tor_b' };
}

describe('filter names', () => {
  it('a Calico BGPFilter function is the BGPFilter, its direction and rule', () => {
    expect(filterPlace(['bgp_kubevirt-live-migration_importFilterV4'], 1, 'x')).toBe(
      'BGPFilter kubevirt-live-migration importV4 rule 1',
    );
    expect(filterPlace(['bgp_tag_exportFilterV4'], 3, 'x')).toBe('BGPFilter tag exportV4 rule 3');
  });

  it("Calico's own functions, any other function, and a filter's body", () => {
    expect(filterPlace(['calico_export_to_bgp_peers', 'calico_aggr'], 2, 'x')).toBe("Calico's calico_aggr()");
    expect(filterPlace(['tag'], 1, 'x')).toBe('function tag() rule 1');
    expect(filterPlace([], 2, 'the import filter of peer_tor_b')).toBe('the import filter of peer_tor_b (statement 2)');
  });

  it('conditions in words where the pattern is known, else as written', () => {
    expect(conditionPhrase('if (((65000, 100) ~ bgp_community)) then { bgp_local_pref = 2147483135; accept; }')).toBe(
      'it carries community 65000:100',
    );
    expect(conditionPhrase('if (defined(bgp_local_pref)&&(bgp_local_pref > 2147482623)) then')).toBe(
      'its LOCAL_PREF is above 2147482623 (priority below 1024: elevated)',
    );
    expect(conditionPhrase('if net ~ 10.244.0.0/16 then accept;')).toBe('net ~ 10.244.0.0/16');
  });
});

describe('why a candidate wins or loses', () => {
  it('preference set by an import rule, against BIRD’s default', () => {
    const elevated = imported(
      'filter f { if (65000,100) ~ bgp_community then { bgp_local_pref = 2147483135; preference = 200; accept; } accept; }',
      { bgp_community: ['65000:100'] },
    );
    const plain = imported('filter f { if (65000,100) ~ bgp_community then { preference = 200; accept; } accept; }', {
      bgp_path: [65002, 65201],
    });
    expect(explainCandidate(elevated, true, elevated, [elevated, plain], true)).toEqual({
      step: 'preference',
      text: "preference 200 beats 100 (200: set on import: `preference = 200;` by the import filter of peer_tor_b (statement 1), as it carries community 65000:100; 100: BIRD's default for BGP routes)",
    });
    expect(explainCandidate(plain, false, elevated, [elevated, plain], true).text).toMatch(
      /^loses: preference 200 beats 100 \(200: set on import/,
    );
    expect(
      describeDecision(
        elevated.importDecision as NonNullable<typeof elevated.importDecision>,
        'the import filter of peer_tor_b',
      ),
    ).toBe(
      'the import filter of peer_tor_b (statement 1): if (65000,100) ~ bgp_community then { bgp_local_pref = 2147483135; preference = 200; accept; }',
    );
  });

  it('LOCAL_PREF lost on eBGP, against one restored by a rule', () => {
    const restored = imported(
      'filter f { if (65000,100) ~ bgp_community then { bgp_local_pref = 2147483135; accept; } accept; }',
      { bgp_community: ['65000:100'] },
    );
    const stale = { ...bgpRoute({ attrs: { bgp_path: [65001, 65101] } }), via: { ebgp: true } as never };
    expect(explainCandidate(restored, true, restored, [restored, stale], false).text).toBe(
      'LOCAL_PREF 2147483135 beats 100 (2147483135: set on import: `bgp_local_pref = 2147483135;` by the import filter of peer_tor_b (statement 1), as it carries community 65000:100; 100: LOCAL_PREF does not cross eBGP: 100 on receipt)',
    );
  });

  it('a single candidate, and steps with no value to trace', () => {
    const only = bgpRoute();
    expect(explainCandidate(only, true, only, [only], true)).toEqual({ step: 'only', text: 'the only candidate' });
    const shorter = bgpRoute({ attrs: { bgp_path: [65001] }, pathId: 'a' });
    const longer = bgpRoute({ attrs: { bgp_path: [65001, 65002] }, pathId: 'b' });
    expect(explainCandidate(shorter, true, shorter, [shorter, longer], true).text).toBe('AS path length 1 beats 2');
  });

  it('a kernel route against a BGP route: BIRD’s protocol preferences', () => {
    const felix = localRoute('kernel');
    const learned = bgpRoute();
    expect(explainCandidate(felix, false, learned, [learned, felix], true).text).toBe(
      "loses: preference 100 beats 10 (100: BIRD's default for BGP routes; 10: BIRD's default for routes learned from the kernel (Felix's))",
    );
  });
});

describe('in a report', () => {
  it('eBGP without the filter, live: the source node forwards to its stale VM, and its kernel routes say why', () => {
    const live = report('two-racks-ebgp-no-filter').phases.find((p) => p.name === 'live');
    expect(live?.fib['node-a1']?.map((f) => [f.prefix, f.metric, f.used, f.explanation])).toEqual([
      [
        '10.244.1.5/32',
        1024,
        true,
        "forwards: the longest prefix (/32), the lowest metric (2147483547 lose); Felix's route for vm-1, metric = its priority",
      ],
      [
        '10.244.1.5/32',
        2147483547,
        false,
        "loses to Felix's route (metric 1024): metric 2147483547 is higher; installed by BIRD, metric 2147483647 − LOCAL_PREF 100",
      ],
      [
        '10.244.1.0/26',
        0,
        false,
        'not used: 10.244.1.0/26 is less specific than 10.244.1.5/32; installed by BIRD (no krt_metric: 0)',
      ],
    ]);
  });

  it('with the filter: the rule that restored the priority, by its BGPFilter name', () => {
    const live = report('two-racks-ebgp').phases.find((p) => p.name === 'live');
    const best = live?.routes['node-a1']?.find((r) => r.selected && r.prefix === '10.244.1.5/32');
    expect(best?.changes).toEqual([
      '`bgp_local_pref = 2147483135;` by BGPFilter kubevirt-live-migration importV4 rule 1, as it carries community 65000:100',
    ]);
    expect(live?.fib['node-a1']?.find((f) => f.used)?.explanation).toBe(
      'forwards: the longest prefix (/32), the lowest metric (1024 lose); installed by BIRD, metric 2147483647 − LOCAL_PREF 2147483135',
    );
  });
});
