/** Picking free resources: addresses, loopbacks, rack subnets, blocks, VM IPs, AS numbers, names. */
import { describe, expect, it } from 'vitest';
import {
  freeAsNumber,
  freeHostAddress,
  freeName,
  freeVmIp,
  memberName,
  nextBlock,
  nextLoopback,
  nextRackName,
  nextRackSubnet,
  rackTag,
  usedAddresses,
} from './allocate';
import { draft, setPosition } from './common';
import { parseIPv4, prefix4 } from '../../lib/ip';
import { mustParse, smallFabric } from '../test-support';

const EMPTY = 'apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: e }\nspec: {}\n';

describe('addresses', () => {
  it('usedAddresses holds every node and router address', () => {
    expect([...usedAddresses(smallFabric())].sort()).toEqual(
      ['10.0.0.1', '10.0.1.1', '10.0.1.11', '10.0.1.12'].map((a) => parseIPv4(a)).sort(),
    );
  });

  it('freeHostAddress takes the lowest free host at or after the start, never the broadcast', () => {
    const doc = smallFabric();
    expect(freeHostAddress(doc, '10.0.1.0/24', 11)).toBe('10.0.1.13');
    expect(freeHostAddress(doc, '10.0.1.0/24', 1)).toBe('10.0.1.2');
    expect(freeHostAddress(doc, '10.0.1.0/24', 1, new Set([parseIPv4('10.0.1.2')!]))).toBe('10.0.1.3');
    expect(freeHostAddress(doc, '10.0.9.0/28', 11)).toBe('10.0.9.11');
    expect(freeHostAddress(doc, '10.0.9.0/28', 20)).toBe('10.0.9.14');
    expect(freeHostAddress(doc, '10.0.9.0/30', 11)).toBe('10.0.9.2');
    expect(freeHostAddress(doc, '10.0.9.0/31', 1)).toBe('10.0.9.1');
    expect(freeHostAddress(doc, '10.0.9.7/32', 1)).toBe('10.0.9.7');
    expect(freeHostAddress(doc, 'nonsense', 1)).toBeUndefined();
  });

  it('nextLoopback takes the lowest free address of 10.0.0.0/24', () => {
    expect(nextLoopback(smallFabric())).toBe('10.0.0.2');
    expect(nextLoopback(mustParse(EMPTY))).toBe('10.0.0.1');
  });
});

describe('nextRackSubnet', () => {
  it('skips racks, the loopback range and pools', () => {
    expect(nextRackSubnet(mustParse(EMPTY))).toBe('10.0.1.0/24');
    expect(nextRackSubnet(smallFabric())).toBe('10.0.2.0/24');
    const doc = smallFabric();
    doc.spec.cluster = { ipPools: [{ name: 'p', cidr: '10.0.2.0/23' }] };
    expect(nextRackSubnet(doc)).toBe('10.0.4.0/24');
    expect(nextRackSubnet(doc, [prefix4('10.0.4.0/24')!])).toBe('10.0.5.0/24');
  });
});

describe('blocks and VM IPs', () => {
  it('nextBlock skips explicit and allocated blocks', () => {
    const doc = smallFabric();
    expect(nextBlock(doc)).toBe('10.244.0.0/26');
    doc.spec.nodes.push({ name: 'node-a3', rack: 'rack-a', address: '10.0.1.13' });
    expect(nextBlock(doc)).toBe('10.244.0.64/26');
    expect(nextBlock(doc, [prefix4('10.244.0.64/26')!])).toBe('10.244.0.128/26');
  });

  it('freeVmIp skips the block’s network address and the IPs of VMs', () => {
    const doc = smallFabric();
    expect(freeVmIp(doc, 'node-a2')).toBe('10.244.1.65');
    doc.spec.vms.push({ name: 'vm-2', ip: '10.244.1.65', node: 'node-a2' });
    expect(freeVmIp(doc, 'node-a2')).toBe('10.244.1.66');
    expect(freeVmIp(doc, 'nope')).toBeUndefined();
  });
});

describe('AS numbers and names', () => {
  it('freeAsNumber skips router, node and cluster AS numbers', () => {
    const doc = smallFabric();
    expect(freeAsNumber(doc, 65000)).toBe(65002);
    expect(freeAsNumber(doc, 65101)).toBe(65103);
    expect(freeAsNumber(doc, 64512)).toBe(64513);
    expect(freeAsNumber(doc, 65103, new Set([65103]))).toBe(65104);
  });

  it('freeName counts up on taken element names', () => {
    const doc = smallFabric();
    expect(freeName(doc, 'spine-1')).toBe('spine-2');
    expect(freeName(doc, 'spine-1', ['spine-2'])).toBe('spine-3');
    expect(freeName(doc, 'tor-a')).toBe('tor-a-2');
    expect(freeName(doc, 'leaf')).toBe('leaf');
  });

  it('rackTag and memberName', () => {
    expect(rackTag('rack-a')).toBe('a');
    expect(rackTag('rack-07')).toBe('07');
    expect(rackTag('rack-')).toBe('rack-');
    expect(rackTag('row1')).toBe('row1');
    expect(memberName('node', 'a', 1)).toBe('node-a1');
    expect(memberName('node', '07', 2)).toBe('node-07-2');
    expect(memberName('tor', 'a', undefined)).toBe('tor-a');
  });

  it('nextRackName goes rack-a … rack-z, then rack-27, rack-28, …', () => {
    const doc = mustParse(EMPTY);
    expect(nextRackName(doc)).toBe('rack-a');
    for (let i = 0; i < 26; i++)
      doc.spec.racks.push({ name: `rack-${String.fromCharCode(97 + i)}`, subnet: `10.0.${i + 1}.0/24` });
    expect(nextRackName(doc)).toBe('rack-27');
    doc.spec.racks.push({ name: 'rack-27', subnet: '10.0.27.0/24' });
    expect(nextRackName(doc)).toBe('rack-28');
    doc.spec.racks.splice(1, 1);
    expect(nextRackName(doc)).toBe('rack-b');
  });
});

describe('draft and setPosition', () => {
  it('draft is a deep copy', () => {
    const doc = smallFabric();
    const d = draft(doc);
    d.spec.nodes[0]!.address = '10.0.1.99';
    expect(doc.spec.nodes[0]?.address).toBe('10.0.1.11');
  });

  it('setPosition rounds, creates the layout when needed, and never writes -0', () => {
    const doc = mustParse(EMPTY);
    setPosition(doc, 'x', undefined);
    expect(doc.spec.layout).toBeUndefined();
    setPosition(doc, 'x', [10.5, -3.5]);
    setPosition(doc, 'y', [-0.4, -0]);
    expect(doc.spec.layout?.positions?.x).toEqual([11, -3]);
    const [a, b] = doc.spec.layout?.positions?.y ?? [];
    expect(Object.is(a, 0) && Object.is(b, 0)).toBe(true);
  });
});
