import { describe, expect, it } from 'vitest';
import { generateFabric } from '../../model/edit/generate';
import { toFlow } from './toFlow';
import { layoutLookup, rackBoxes, racksInView, shownMembers } from './cull';
import { crossesRacks, farStandIns, rackOwners } from './lod';

const fabric = generateFabric({ racks: 4, nodesPerRack: 3, spines: 2, torsPerRack: 2, vms: 2 });
const { nodes } = toFlow(fabric, []);
const boxes = rackBoxes(nodes);

describe('what React Flow holds of a large fabric', () => {
  it('knows each rack box, absolute, with its size', () => {
    expect(boxes.map((b) => b.name)).toEqual(['rack-01', 'rack-02', 'rack-03', 'rack-04']);
    for (const b of boxes) expect(b.width).toBeGreaterThan(0);
  });

  it('finds the racks in and around the view, and none for an empty view', () => {
    const first = boxes[0];
    if (!first) throw new Error('no rack');
    // A view one rack wide over the first rack, at zoom 1, without a margin: that rack only.
    const view = [-first.x, -first.y, 1] as const;
    expect(racksInView(boxes, view, first.width - 1, first.height - 1, 0)).toBe('rack-01');
    // The whole design far out: every rack.
    expect(racksInView(boxes, [0, 0, 0.01], 1600, 900).split('\n')).toHaveLength(4);
    expect(racksInView(boxes, [0, 0, 1], 0, 900)).toBe('');
  });

  it('far out holds no member; nearer the members of the racks in view and a selected member', () => {
    const racksLevel = shownMembers(nodes, 'racks', new Set(['rack-01']));
    expect(racksLevel.every((n) => n.parentId === undefined)).toBe(true);
    expect(racksLevel.map((n) => n.id)).toEqual(expect.arrayContaining(['rack-01', 'spine-1']));
    const near = shownMembers(nodes, 'lite', new Set(['rack-02']));
    expect(near.filter((n) => n.parentId !== undefined).map((n) => n.parentId)).toEqual(Array(5).fill('rack-02'));
    const selected = nodes.map((n) => (n.id === 'node-04-1' ? { ...n, selected: true } : n));
    expect(shownMembers(selected, 'lite', new Set()).map((n) => n.id)).toContain('node-04-1');
  });

  it('looks a member React Flow does not hold up in the layout: absolute position and size', () => {
    const rack = nodes.find((n) => n.id === 'rack-03');
    const member = nodes.find((n) => n.id === 'node-03-2');
    if (!rack || !member) throw new Error('missing');
    const lookup = layoutLookup(nodes, new Map());
    const internal = lookup.get('node-03-2');
    expect(internal?.internals.positionAbsolute).toEqual({
      x: rack.position.x + member.position.x,
      y: rack.position.y + member.position.y,
    });
    expect(internal?.measured).toEqual({ width: member.width, height: member.height });
    expect(lookup.get('no-such-node')).toBeUndefined();
  });

  it('far out, a rack box stands for its members once, and a message inside one rack is not drawn', () => {
    const owners = rackOwners(nodes);
    expect(farStandIns(['node-01-1', 'node-01-2', 'tor-02-1', 'spine-1'], owners)).toEqual([
      'rack-01',
      'rack-02',
      'spine-1',
    ]);
    expect(crossesRacks('node-01-1', 'tor-01-1', owners)).toBe(false);
    expect(crossesRacks('tor-01-1', 'spine-1', owners)).toBe(true);
    expect(crossesRacks('node-01-1', 'tor-02-1', owners)).toBe(true);
  });
});
