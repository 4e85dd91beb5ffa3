// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { EventReport } from '../../../worker/protocol';
import { MessageLayer } from './messageLayer';
import { messagesInFlight } from './messages';
import type { FlowGeometry } from './useFlowGeometry';

const EVENTS: EventReport[] = [
  { time: 0, kind: 'update', prefix: '10.244.1.0/26', from: 'node-a1', to: 'tor-a', arrive: 10, paths: 1 },
  { time: 4, kind: 'withdraw', prefix: '10.244.1.5/32', from: 'tor-a', to: 'spine-1', arrive: 14 },
  { time: 12, kind: 'update', prefix: '10.244.2.0/26', from: 'tor-a', to: 'spine-1', arrive: 22, paths: 2 },
];
const report = { events: EVENTS };

// node-a1 → tor-a runs 100 units along x; tor-a → spine-1 100 units down y; nothing is drawn for others.
const ROUTES: Record<string, { x: number; y: number }[]> = {
  'node-a1>tor-a': [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
  ],
  'tor-a>spine-1': [
    { x: 100, y: 0 },
    { x: 100, y: 100 },
  ],
};
const geometry: FlowGeometry = { rect: () => undefined, route: (from, to) => ROUTES[`${from}>${to}`] };

function setUp() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  const trails = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  const dots = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  svg.append(trails, dots);
  const layer = new MessageLayer(trails, dots);
  const at = (t: number) => layer.draw(messagesInFlight(report, t), geometry);
  const visible = (g: SVGGElement) => [...g.children].filter((e) => e.getAttribute('visibility') !== 'hidden');
  const shown = () =>
    visible(dots).map((g) => [
      g.getAttribute('data-kind'),
      g.getAttribute('data-from'),
      g.getAttribute('data-to'),
      g.getAttribute('transform'),
      g.querySelector('title')?.textContent,
    ]);
  return { trails, dots, at, shown, visible };
}

describe('the message layer', () => {
  it('draws each message in flight at its progress, with its hover text and a trail per session', () => {
    const { trails, at, shown, visible } = setUp();
    at(5);
    expect(shown()).toEqual([
      [
        'update',
        'node-a1',
        'tor-a',
        'translate(50.0,0.0)',
        'UPDATE 10.244.1.0/26 node-a1 → tor-a (1 path)\nsent at 0 ms, arrives at 10 ms',
      ],
      [
        'withdraw',
        'tor-a',
        'spine-1',
        'translate(100.0,10.0)',
        'WITHDRAW 10.244.1.5/32 tor-a → spine-1\nsent at 4 ms, arrives at 14 ms',
      ],
    ]);
    expect(visible(trails).map((p) => [p.getAttribute('class'), p.getAttribute('d')])).toEqual([
      ['message-trail', 'M0,0 L100,0'],
      ['message-trail', 'M100,0 L100,100'],
    ]);
  });

  it('moves a message by its transform only, keeping its element from frame to frame', () => {
    const { dots, at, shown } = setUp();
    at(5);
    const update = dots.children[0];
    at(7);
    expect(dots.children[0]).toBe(update);
    expect(shown()[0]?.[3]).toBe('translate(70.0,0.0)');
  });

  it('hides arrived messages and their trails, and reuses their elements for the next of their kind', () => {
    const { trails, dots, at, shown, visible } = setUp();
    at(5);
    const update = dots.children[0];
    at(13);
    // node-a1's UPDATE arrived at 10; the one leaving tor-a at 12 reuses its element, re-labelled.
    expect(shown()).toEqual([
      [
        'update',
        'tor-a',
        'spine-1',
        'translate(100.0,10.0)',
        'UPDATE 10.244.2.0/26 tor-a → spine-1 (2 paths)\nsent at 12 ms, arrives at 22 ms',
      ],
      [
        'withdraw',
        'tor-a',
        'spine-1',
        'translate(100.0,90.0)',
        'WITHDRAW 10.244.1.5/32 tor-a → spine-1\nsent at 4 ms, arrives at 14 ms',
      ],
    ]);
    // Reused in place: the update is still the first element, no element was added.
    expect(visible(dots)).toEqual([update, dots.children[1]]);
    expect(dots.children).toHaveLength(2);
    expect(visible(trails).map((p) => p.getAttribute('d'))).toEqual(['M100,0 L100,100']);
    at(30);
    expect(visible(dots)).toHaveLength(0);
    expect(visible(trails)).toHaveLength(0);
    // Hidden elements are no messages to the page's queries.
    expect(dots.querySelectorAll('[data-testid="bgp-message"]')).toHaveLength(0);
    expect(dots.children).toHaveLength(2);
  });

  it('leaves out messages on sessions that have no line on the canvas', () => {
    const { dots, trails, visible } = setUp();
    const layer = new MessageLayer(trails, dots);
    const hidden: EventReport = {
      time: 0,
      kind: 'update',
      prefix: '10.244.9.0/26',
      from: 'node-z',
      to: 'tor-z',
      arrive: 10,
      paths: 1,
    };
    const inFlight = messagesInFlight({ events: [hidden, ...EVENTS] }, 5);
    expect(inFlight.map((f) => f.message.from)).toEqual(['node-z', 'node-a1', 'tor-a']);
    layer.draw(inFlight, geometry);
    expect(visible(dots).map((g) => g.getAttribute('data-from'))).toEqual(['node-a1', 'tor-a']);
    expect(layer.size).toBe(2);
  });
});
