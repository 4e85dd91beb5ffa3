/**
 * Names reach the configs verbatim (hostnames, descriptions, group and protocol names), which is
 * safe only because the schema refuses anything but DNS-1123 labels (DESIGN §4): a name with a
 * quote, a space or a line break can never get into a design, so never into a config.
 */
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../model';
import { routerConfigs } from './index';
import { fabric } from './test-designs';

const BAD = ['tor"a', "tor'a", 'tor a', 'tor\na', 'tor;a', 'tor{a}', 'Tor-A', 'tor_a', '-tor', `t${'o'.repeat(63)}`];

describe('names that could break a config are refused by the schema', () => {
  const base = fabric({ platform: 'bird1' });
  it.each(BAD)('router name %j', (name) => {
    const doc = structuredClone(base);
    const tor = doc.spec.routers.find((r) => r.name === 'tor-a');
    if (!tor) throw new Error('no tor-a');
    tor.name = name;
    doc.spec.links = [[name, 'spine-1']];
    doc.spec.sessions = [[name, 'spine-1']];
    const r = parseDesign(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.some((i) => i.message.includes('is not a valid name'))).toBe(true);
  });

  it.each(BAD)('rack and node name %j', (name) => {
    const doc = structuredClone(base);
    const node = doc.spec.nodes[0];
    if (!node) throw new Error('no node');
    node.name = name;
    const rack = structuredClone(doc);
    rack.spec.racks[0] = { name, subnet: '10.0.1.0/24' };
    for (const d of [doc, rack]) {
      const r = parseDesign(JSON.stringify(d));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.some((i) => i.message.includes('is not a valid name'))).toBe(true);
    }
  });

  it('a valid label goes through unchanged', () => {
    const doc = structuredClone(base);
    expect(parseDesign(JSON.stringify(doc)).ok).toBe(true);
    expect(routerConfigs(doc).map((f) => f.fileName)).toEqual(['routers/spine-1.bird.conf', 'routers/tor-a.bird.conf']);
  });
});
