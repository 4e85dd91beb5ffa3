/**
 * The data plane (DESIGN §5): the kernel lookup (longest prefix, then lowest metric, Felix's
 * route on a tie) and the hop-by-hop walk with its outcomes and delivered fractions. The
 * underlay is a one-rack fabric: rack-a holds tor-a 10.0.1.1, tor-b 10.0.1.2, node-a1
 * 10.0.1.11, node-a2 10.0.1.12; spine-1 10.0.0.1 is linked to tor-a; spine-2 10.0.0.2 to nothing.
 */
import { describe, expect, it } from 'vitest';
import { lookup, walk } from './dataplane';
import { kernelTable, type FibEntry } from './fib';
import { ip, oneRackUnderlay, pfx } from './test-speakers';

const underlay = oneRackUnderlay();
const VM = ip('10.244.1.5');

const via = (prefix: string, gws: string[], metric = 0, proto: FibEntry['proto'] = 'bird'): FibEntry => ({
  prefix: pfx(prefix),
  metric,
  kind: 'via',
  nexthops: gws.map(ip),
  proto,
});
const felix = (metric: number): FibEntry => ({
  prefix: pfx('10.244.1.5/32'),
  metric,
  kind: 'local',
  nexthops: [],
  proto: 'felix',
  vm: 'vm-1',
});
const blackhole = (prefix: string): FibEntry => ({
  prefix: pfx(prefix),
  metric: 0,
  kind: 'blackhole',
  nexthops: [],
  proto: 'bird',
});

/** Runs a walk to the VM's IP over per-speaker FIBs. */
function go(client: string, fibs: Record<string, FibEntry[]>, vmHost = 'node-a1') {
  return walk(client, VM, vmHost, (s) => fibs[s] ?? [], underlay);
}

describe('the kernel table', () => {
  it("keeps BIRD's route out where Felix's route has the same prefix and metric (Linux: File exists)", () => {
    expect(kernelTable([felix(512)], via('10.244.1.5/32', ['10.0.1.1'], 512))).toEqual([felix(512)]);
  });
  it('keeps both where the metrics differ, or the prefixes', () => {
    expect(kernelTable([felix(1024)], via('10.244.1.5/32', ['10.0.1.1'], 512))).toEqual([
      felix(1024),
      via('10.244.1.5/32', ['10.0.1.1'], 512),
    ]);
    expect(kernelTable([felix(512)], via('10.244.1.0/26', ['10.0.1.1'], 512))).toEqual([
      felix(512),
      via('10.244.1.0/26', ['10.0.1.1'], 512),
    ]);
    expect(kernelTable([felix(512)], undefined)).toEqual([felix(512)]);
  });
});

describe('lookup', () => {
  it('takes the longest prefix', () => {
    const slash32 = via('10.244.1.5/32', ['10.0.1.1'], 2147483547);
    const entries = [via('0.0.0.0/0', ['10.0.1.2']), blackhole('10.244.1.0/26'), slash32];
    expect(lookup(entries, VM)).toBe(slash32);
    expect(lookup([...entries].reverse(), VM)).toBe(slash32);
    expect(lookup(entries, ip('10.244.1.9'))?.kind).toBe('blackhole');
    expect(lookup(entries, ip('10.244.2.9'))?.prefix).toEqual(pfx('0.0.0.0/0'));
  });

  it('then the lowest metric', () => {
    const elevated = via('10.244.1.5/32', ['10.0.1.12'], 512);
    expect(lookup([felix(1024), elevated], VM)).toBe(elevated);
    const ebgp = via('10.244.1.5/32', ['10.0.1.1'], 2147483547);
    expect(lookup([ebgp, felix(1024)], VM)).toEqual(felix(1024));
  });

  it("Felix's route wins a tie", () => {
    const bird = via('10.244.1.5/32', ['10.0.1.12'], 1024);
    expect(lookup([bird, felix(1024)], VM)?.proto).toBe('felix');
    expect(lookup([felix(1024), bird], VM)?.proto).toBe('felix');
  });

  it('finds nothing outside every prefix', () => {
    expect(lookup([via('10.244.2.0/26', ['10.0.1.1'])], VM)).toBeUndefined();
    expect(lookup([], VM)).toBeUndefined();
  });
});

describe('walk outcomes', () => {
  it('delivered: the node running the VM hands it over', () => {
    expect(go('node-a2', { 'node-a2': [via('10.244.1.5/32', ['10.0.1.11'])], 'node-a1': [felix(1024)] })).toEqual({
      client: 'node-a2',
      outcome: 'delivered',
      deliveredFraction: 1,
      paths: [{ hops: ['node-a2', 'node-a1'], end: 'delivered', why: 'node-a1 delivers to the VM', fraction: 1 }],
    });
    expect(go('node-a1', { 'node-a1': [felix(1024)] }).paths).toEqual([
      { hops: ['node-a1'], end: 'delivered', why: 'node-a1 delivers to the VM', fraction: 1 },
    ]);
  });

  it('goes to the next hop over the underlay when it is not adjacent', () => {
    const f = go('node-a2', {
      'node-a2': [via('10.244.1.5/32', ['10.0.0.1'])],
      'tor-a': [via('10.244.1.5/32', ['10.0.1.11'])],
      'node-a1': [felix(512)],
    });
    expect(f.outcome).toBe('delivered');
    expect(f.paths.map((p) => p.hops)).toEqual([['node-a2', 'tor-a', 'node-a1']]);
  });

  it('blackhole: no route', () => {
    expect(go('node-a2', {})).toEqual({
      client: 'node-a2',
      outcome: 'blackhole',
      deliveredFraction: 0,
      paths: [{ hops: ['node-a2'], end: 'blackhole', why: 'node-a2 has no route to 10.244.1.5', fraction: 1 }],
    });
  });

  it('blackhole: a blackhole route (the block owner under a downward default, domain §11.3)', () => {
    const f = go('node-a1', { 'node-a1': [via('0.0.0.0/0', ['10.0.1.1']), blackhole('10.244.1.0/26')] }, 'node-a2');
    expect(f.outcome).toBe('blackhole');
    expect(f.paths[0]?.why).toBe('node-a1: blackhole route 10.244.1.0/26');
  });

  it('blackhole: handed to the VM’s interface on a node where the VM is not running', () => {
    const f = go('node-a1', { 'node-a1': [felix(1024), via('10.244.1.5/32', ['10.0.1.1'], 2147483547)] }, 'node-a2');
    expect(f.outcome).toBe('blackhole');
    expect(f.paths).toEqual([
      {
        hops: ['node-a1'],
        end: 'blackhole',
        why: "node-a1 hands the packet to the VM's interface, but the VM is not running on node-a1",
        fraction: 1,
      },
    ]);
  });

  it('blackhole: an unreachable next hop', () => {
    const unreachable: FibEntry = { ...via('10.244.1.5/32', ['10.0.0.2']), kind: 'unreachable' };
    expect(go('node-a2', { 'node-a2': [unreachable] }).paths[0]?.why).toBe(
      'node-a2: the next hop of 10.244.1.5/32 is unreachable',
    );
    // A gateway no speaker owns, one the underlay cannot reach, or the node itself.
    for (const gw of ['192.0.2.1', '10.0.0.2', '10.0.1.12']) {
      const f = go('node-a2', { 'node-a2': [via('10.244.1.5/32', [gw])] });
      expect(f.outcome).toBe('blackhole');
      expect(f.paths).toEqual([
        { hops: ['node-a2'], end: 'blackhole', why: `node-a2: next hop ${gw} cannot be reached`, fraction: 1 },
      ]);
    }
  });

  it('loop: a hop comes back', () => {
    const f = go('node-a2', {
      'node-a2': [via('10.244.1.5/32', ['10.0.1.1'])],
      'tor-a': [via('10.244.1.5/32', ['10.0.1.2'])],
      'tor-b': [via('10.244.1.5/32', ['10.0.1.1'])],
    });
    expect(f).toEqual({
      client: 'node-a2',
      outcome: 'loop',
      deliveredFraction: 0,
      paths: [
        { hops: ['node-a2', 'tor-a', 'tor-b', 'tor-a'], end: 'loop', why: 'tor-a is visited twice', fraction: 1 },
      ],
    });
  });
});

describe('ECMP', () => {
  it('explores every next hop; all delivering is delivered', () => {
    const f = go('node-a2', {
      'node-a2': [via('10.244.1.5/32', ['10.0.1.1', '10.0.1.2'])],
      'tor-a': [via('10.244.1.5/32', ['10.0.1.11'])],
      'tor-b': [via('10.244.1.5/32', ['10.0.1.11'])],
      'node-a1': [felix(1024)],
    });
    expect(f.outcome).toBe('delivered');
    expect(f.deliveredFraction).toBe(1);
    expect(f.paths.map((p) => [p.hops, p.fraction])).toEqual([
      [['node-a2', 'tor-a', 'node-a1'], 0.5],
      [['node-a2', 'tor-b', 'node-a1'], 0.5],
    ]);
  });

  it('split: deliveredFraction is the product of 1/n along each delivering path, summed', () => {
    const f = go('node-a2', {
      'node-a2': [via('10.244.1.5/32', ['10.0.1.1', '10.0.1.2'])],
      'tor-a': [via('10.244.1.5/32', ['10.0.1.11', '10.0.0.1'])],
      'tor-b': [via('10.244.1.5/32', ['10.0.1.11'])],
      'node-a1': [felix(1024)],
    });
    expect(f.outcome).toBe('split');
    expect(f.deliveredFraction).toBe(0.75);
    expect(f.paths.map((p) => [p.hops.join('>'), p.end, p.fraction])).toEqual([
      ['node-a2>tor-a>node-a1', 'delivered', 0.25],
      ['node-a2>tor-a>spine-1', 'blackhole', 0.25],
      ['node-a2>tor-b>node-a1', 'delivered', 0.5],
    ]);
    expect(f.paths[1]?.why).toBe('spine-1 has no route to 10.244.1.5');
  });

  it('split across three next hops: thirds', () => {
    const f = go('tor-a', {
      'tor-a': [via('10.244.1.5/32', ['10.0.1.11', '10.0.1.12', '10.0.1.2'])],
      'node-a1': [felix(1024)],
    });
    expect(f.outcome).toBe('split');
    expect(f.deliveredFraction).toBe(0.333333333);
    expect(f.paths.map((p) => p.end)).toEqual(['delivered', 'blackhole', 'blackhole']);
  });

  it('no delivering path and one loop: loop, not blackhole', () => {
    const f = go('node-a2', {
      'node-a2': [via('10.244.1.5/32', ['10.0.1.1', '10.0.1.2'])],
      'tor-a': [via('10.244.1.5/32', ['10.0.1.12'])],
    });
    expect(f.outcome).toBe('loop');
    expect(f.paths.map((p) => [p.end, p.fraction])).toEqual([
      ['loop', 0.5],
      ['blackhole', 0.5],
    ]);
  });
});
