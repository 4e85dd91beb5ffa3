/**
 * Issue 15, finding 1 for the router configs: every generator checks its model before writing a
 * line (FRR, EOS and NX-OS have no quoting; BIRD and Junos write most values bare), so a value
 * that did not come through the reader is refused, never spliced; the strings BIRD and Junos
 * quote are quoted.
 */
import { describe, expect, it } from 'vitest';
import { compileRouter, PLATFORMS } from '../model';
import { UnsafeModelError } from '../model/policy/guard';
import type { RouterConfigModel } from '../model/policy/types';
import { renderRouterConfig } from './index';
import { goldenDesign, onPlatform } from './test-designs';

const HOSTILE = 'tor-x\n neighbor 192.0.2.66 remote-as 666';

function tamper(
  model: RouterConfigModel,
  change: (m: { -readonly [K in keyof RouterConfigModel]: RouterConfigModel[K] }) => void,
): RouterConfigModel {
  const copy = structuredClone(model) as { -readonly [K in keyof RouterConfigModel]: RouterConfigModel[K] };
  change(copy);
  return copy;
}

describe('the router config generators refuse a value they cannot write', () => {
  it.each(PLATFORMS)(
    '%s: a hostile neighbour name, node name, community or prefix throws before anything is written',
    (platform) => {
      const model = compileRouter(onPlatform(goldenDesign(), platform), 'tor-a');
      expect(renderRouterConfig(model)).toContain('tor-a');
      expect(() =>
        renderRouterConfig(tamper(model, (m) => (m.neighbors = m.neighbors.map((n) => ({ ...n, name: HOSTILE }))))),
      ).toThrow(
        new UnsafeModelError(
          `router "tor-a": a neighbour name ${JSON.stringify(HOSTILE)} cannot be written into a config`,
        ),
      );
      expect(() => renderRouterConfig(tamper(model, (m) => (m.name = 'a b')))).toThrow(UnsafeModelError);
      expect(() =>
        renderRouterConfig(
          tamper(
            model,
            (m) =>
              (m.nodeGroups = m.nodeGroups.map((g) => ({
                ...g,
                members: g.members.map((x) => ({ ...x, name: 'node"; }' })),
              }))),
          ),
        ),
      ).toThrow(/a node name "node\\"; }" cannot be written/);
      expect(() =>
        renderRouterConfig(
          tamper(
            model,
            (m) => (m.policy = { ...m.policy, elevated: { community: '99999:1', localPref: 1, preference: 200 } }),
          ),
        ),
      ).toThrow(/the elevated community "99999:1"/);
      expect(() =>
        renderRouterConfig(
          tamper(
            model,
            (m) => (m.nodeGroups = m.nodeGroups.map((g) => ({ ...g, listenRange: '10.0.1.0/24 peer-group x' }))),
          ),
        ),
      ).toThrow(/the listen range of calico-rack-a/);
      expect(() => renderRouterConfig(tamper(model, (m) => (m.address = '10.0.1.1;')))).toThrow(
        /the address "10.0.1.1;"/,
      );
    },
  );

  it('quotes the descriptions BIRD and Junos write as strings', () => {
    const bird = renderRouterConfig(compileRouter(onPlatform(goldenDesign(), 'bird2'), 'tor-a'));
    expect(bird).toContain('\n  description "spine-1";\n');
    expect(bird).toContain('\n  description "nodes of rack-a";\n');
    const junos = renderRouterConfig(compileRouter(onPlatform(goldenDesign(), 'junos'), 'tor-a'));
    expect(junos).toContain(' description "spine-1";\n');
    expect(junos).toContain(' description "node-a1";\n');
    expect(junos).toContain(' description "rack-a segment: the Calico nodes peer with this address";\n');
  });
});
