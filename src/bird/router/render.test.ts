/**
 * The BIRD router renderer: the filter text the engine will execute, BIRD symbol names, the
 * protocol index, and the choices between BIRD 1.x and 2. (Per-feature lines of every platform
 * are in src/config/features.test.ts; `bird -p` runs in src/verify/configDaemons.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { compileRouter } from '../../model/policy/compile';
import type { RoutePolicy } from '../../model/policy/types';
import { fabric } from '../../model/policy/test-fabric';
import { BIRD_SYMBOL_MAX, birdSymbol, renderBirdRouter, renderFilter } from './index';
import { BIRD_DYNAMIC_NAME_MAX } from './names';

describe('filters: the neutral policy, rule by rule', () => {
  it('renders the import policy of an elevated community as the reference ToR does', () => {
    const model = compileRouter(fabric({ platform: 'bird1', policy: { elevatedCommunity: '65000:100' } }), 'tor-a');
    expect(renderFilter(model.policy.import).join('\n')).toBe(
      [
        'filter lr_import',
        '{',
        '  # rule 1: carries 65000:100 -> accept',
        '  if ((65000,100) ~ bgp_community) then {',
        '    bgp_local_pref = 2147483135;',
        '    preference = 200;',
        '    accept;',
        '  }',
        '  # otherwise -> accept',
        '  accept;',
        '}',
      ].join('\n'),
    );
  });

  it('renders the export to nodes of default-plus-host-routes without communities', () => {
    const model = compileRouter(
      fabric({ platform: 'bird1', policy: { toNodes: 'default-plus-host-routes', sendCommunity: false } }),
      'tor-a',
    );
    expect(renderFilter(model.policy.exportToNodes).join('\n')).toBe(
      [
        'filter lr_export_nodes',
        '{',
        '  # rule 1: the originated default -> accept',
        '  if ((source = RTS_STATIC) && (net = 0.0.0.0/0)) then accept;',
        '  # rule 2: learned over BGP, in LR-POOL-HOST-ROUTES -> accept',
        '  if ((source = RTS_BGP) && (net ~ [ 10.244.0.0/16{32,32} ])) then {',
        '    bgp_community.delete([(*,*)]);',
        '    accept;',
        '  }',
        '  # otherwise -> reject',
        '  reject;',
        '}',
      ].join('\n'),
    );
  });

  it('renders unconditional and reject rules', () => {
    const policy: RoutePolicy = {
      name: 'LR-TEST',
      rules: [
        { when: [{ kind: 'community', value: '1:2' }], apply: [{ kind: 'set-local-pref', value: 5 }], then: 'reject' },
        { when: [], apply: [{ kind: 'set-preference', value: 7 }], then: 'accept' },
      ],
      otherwise: 'reject',
    };
    expect(renderFilter(policy)).toEqual([
      'filter lr_test',
      '{',
      '  # rule 1: carries 1:2 -> reject',
      '  if ((1,2) ~ bgp_community) then {',
      '    bgp_local_pref = 5;',
      '    reject;',
      '  }',
      '  # rule 2: every route -> accept',
      '  preference = 7;',
      '  accept;',
      '  # otherwise -> reject',
      '  reject;',
      '}',
    ]);
  });
});

describe('names', () => {
  it('prefixes every symbol, maps - to _, and keeps it within 64 characters', () => {
    expect(birdSymbol('node', '0b1')).toBe('node_0b1');
    expect(birdSymbol('peer', 'spine-1')).toBe('peer_spine_1');
    const long = `n${'-x'.repeat(31)}`; // a 63-character DNS label
    const a = birdSymbol('group', `calico-${long}`);
    const b = birdSymbol('group', `calico-${long.slice(0, -1)}y`);
    expect(a.length).toBeLessThanOrEqual(BIRD_SYMBOL_MAX);
    expect(a).toMatch(/^group_calico_n_x_x.*_[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it("keeps a BIRD 2 dynamic name within BIRD's 48 characters for a rack name of 63", () => {
    const rack = `r${'-x'.repeat(31)}`;
    const doc = fabric({ platform: 'bird2' });
    doc.spec.racks = doc.spec.racks.map((r) => ({ ...r, name: rack }));
    doc.spec.nodes = doc.spec.nodes.map((n) => ({ ...n, rack }));
    doc.spec.routers = doc.spec.routers.map((r) => (r.rack ? { ...r, rack } : r));
    const peer = doc.spec.calicoResources.find((r) => r.kind === 'BGPPeer');
    if (peer?.kind === 'BGPPeer') peer.spec.nodeSelector = `rack == '${rack}'`;
    const name = /dynamic name "([^"]*)";/.exec(renderBirdRouter(compileRouter(doc, 'tor-a'), 2).text)?.[1];
    expect(name).toMatch(/^dyn_calico_r_x_x_x.*_[0-9a-f]{8}_$/);
    expect(name).toHaveLength(BIRD_DYNAMIC_NAME_MAX);
  });
});

describe('renderBirdRouter', () => {
  it('indexes the protocol of every session and names the filters', () => {
    const doc = fabric({ platform: 'bird1', multihopSpine: true });
    const b1 = renderBirdRouter(compileRouter(doc, 'tor-a'), 1);
    expect(b1.protocols).toEqual({
      neighbors: { 'spine-1': 'peer_spine_1', 'spine-2': 'peer_spine_2' },
      nodes: { 'node-a1': 'node_node_a1', 'node-a2': 'node_node_a2' },
      dynamicGroups: {},
    });
    expect(b1.filters).toEqual({
      import: 'lr_import',
      exportToRouters: 'lr_export_routers',
      exportToNodes: 'lr_export_nodes',
      kernel: 'lr_kernel',
    });
    const b2 = renderBirdRouter(compileRouter(doc, 'tor-a'), 2);
    expect(b2.protocols.nodes).toEqual({});
    expect(b2.protocols.dynamicGroups).toEqual({ 'calico-rack-a': 'group_calico_rack_a' });
  });

  it('writes BIRD 2 channel options inside ipv4 { } and BIRD 1.x ones in the protocol', () => {
    const doc = fabric({ platform: 'bird1', policy: { addPaths: true, toNodes: 'default-only' } });
    const model = compileRouter(doc, 'tor-a');
    const b1 = renderBirdRouter(model, 1).text;
    const b2 = renderBirdRouter(model, 2).text;
    expect(b1).toContain(
      '  import filter lr_import;\n  export filter lr_export_nodes;\n  next hop self;\n  add paths rx;\n}',
    );
    expect(b2).toContain(
      '  ipv4 {\n    import filter lr_import;\n    export filter lr_export_nodes;\n    next hop self;\n    add paths rx;\n  };\n}',
    );
    expect(b1).toContain('protocol static lr_default {\n  route 0.0.0.0/0 blackhole;\n}');
    expect(b2).toContain('protocol static lr_default {\n  ipv4;\n  route 0.0.0.0/0 blackhole;\n}');
    expect(b2).toContain('protocol kernel {\n  ipv4 {\n    import all;\n    export filter lr_kernel;\n  };\n  learn;');
    expect(b1.startsWith('# tor-a: BIRD 1.x configuration generated by liveroute\n')).toBe(true);
    expect(b2.startsWith('# tor-a: BIRD 2 configuration generated by liveroute\n')).toBe(true);
  });

  it('leaves out the underlay (direct protocol, kernel learning) when every session is on a shared segment', () => {
    const doc = fabric({ platform: 'bird1', torPair: true });
    doc.spec.sessions = [['tor-a', 'tor-b']];
    const text = renderBirdRouter(compileRouter(doc, 'tor-a'), 1).text;
    expect(text).not.toContain('protocol direct');
    expect(text).toContain('protocol kernel {\n  import none;\n  export filter lr_kernel;\n  scan time 10;\n}');
    expect(text).toContain('neighbor 10.0.1.2 as 65001;\n  direct;');
  });

  it('is deterministic', () => {
    const doc = fabric({ platform: 'bird2', nodeAs: [undefined, 65102], torAs: 64512, routeReflector: true });
    expect(renderBirdRouter(compileRouter(doc, 'tor-a'), 2).text).toBe(
      renderBirdRouter(compileRouter(structuredClone(doc), 'tor-a'), 2).text,
    );
  });
});
