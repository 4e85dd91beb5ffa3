// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseDesign, type Topology } from '../../model';
import type { FlowReport } from '../../worker/protocol';
import { toFlow } from '../canvas/toFlow';
import { renderDiagramSvg, type DiagramScene } from './diagramSvg';
import { staticGeometry } from './staticGeometry';
import { esc, num, textWidth } from './svgKit';

const TINY = `
apiVersion: liveroute/v1
kind: Topology
metadata: { name: tiny, title: 'Racks <A&B> "one"' }
spec:
  cluster: { asNumber: 64512, nodeToNodeMeshEnabled: false }
  racks: [ { name: rack-a, subnet: 10.0.1.0/24 } ]
  nodes:
    - { name: node-a1, rack: rack-a, address: 10.0.1.11, asNumber: 65101, blocks: [10.244.1.0/26] }
    - { name: node-a2, rack: rack-a, address: 10.0.1.12, asNumber: 65102, blocks: [10.244.1.64/26] }
    - { name: node-a3, rack: rack-a, address: 10.0.1.13, asNumber: 65103, blocks: [10.244.1.128/26] }
  routers:
    - { name: tor-a, role: tor, rack: rack-a, asNumber: 65001, address: 10.0.1.1, platform: bird1 }
    - { name: spine-1, role: spine, asNumber: 65000, address: 10.0.0.1, platform: frr }
  links: [ [tor-a, spine-1] ]
  sessions: [ [tor-a, spine-1] ]
  calicoResources:
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: { name: rack-a-tor }
      spec: { nodeSelector: "rack == 'rack-a'", peerIP: 10.0.1.1, asNumber: 65001 }
  vms: [ { name: vm-1, ip: 10.244.1.5, node: node-a1 } ]
  migration: { vm: vm-1, to: node-a2 }
  layout: { positions: { spine-1: [300, 0], rack-a: [0, 200], tor-a: [224, 40], node-a1: [16, 170], node-a2: [224, 170], node-a3: [432, 170] } }
`;

function tiny(): Topology {
  const parsed = parseDesign(TINY);
  if (!parsed.ok) throw new Error(parsed.error.map((i) => i.message).join('\n'));
  return parsed.value.doc;
}

const flow = (
  client: string,
  outcome: FlowReport['outcome'],
  paths: string[][],
  ends: FlowReport['pathEnds'][number]['end'][],
): FlowReport => ({
  client,
  outcome,
  deliveredFraction: outcome === 'delivered' ? 1 : 0,
  paths,
  pathEnds: ends.map((end) => ({ end, why: `${end} because`, fraction: 1 / ends.length })),
});

const FLOWS = new Map<string, FlowReport>([
  ['node-a1', flow('node-a1', 'blackhole', [['node-a1']], ['blackhole'])],
  ['node-a2', flow('node-a2', 'delivered', [['node-a2']], ['delivered'])],
  ['node-a3', flow('node-a3', 'loop', [['node-a3', 'tor-a', 'spine-1', 'tor-a']], ['loop'])],
]);

function scene(overrides: Partial<DiagramScene> = {}): DiagramScene {
  const doc = tiny();
  const { nodes, edges } = toFlow(doc, []);
  return {
    title: doc.metadata.title ?? doc.metadata.name,
    caption: 'tiny · live +12 ms',
    nodes,
    edges,
    geometry: staticGeometry(nodes, edges),
    flows: FLOWS,
    pathsFrom: 'all',
    vm: { name: 'vm-1', host: 'node-a2', from: 'node-a1' },
    ...overrides,
  };
}

/** The `<g>` of one card, as text. */
function card(svg: string, name: string): string {
  const m = new RegExp(
    `<g class="card (?:node|router)" data-name="${name}">.*?</g>(?=<g class="card|<g class="edge-label|<g class="verdict|<g class="vm-host|<g class="path-marks)`,
    's',
  ).exec(svg);
  if (!m) throw new Error(`no card ${name}`);
  return m[0];
}

describe('the exported diagram (SVG)', () => {
  const { svg, width, height } = renderDiagramSvg(scene());

  it('is a standalone SVG document whose viewBox is its size', () => {
    expect(
      svg.startsWith(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
      ),
    ).toBe(true);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe('svg');
    expect(svg).not.toContain('foreignObject');
    expect(svg).not.toContain('var(--');
  });

  it('draws a router card where React Flow puts it: frame, role tag and name', () => {
    // tor-a sits at (224, 40) in rack-a at (0, 200): absolute (224, 240), 190 × 66.
    const tor = card(svg, 'tor-a');
    expect(tor).toContain(
      '<rect x="224" y="240" width="190" height="66" rx="7" fill="none" stroke="#c3ccd8" stroke-width="1"/>',
    );
    expect(tor).toContain('<rect x="224" y="240" width="190" height="66" rx="7" fill="#0b7285"/>');
    const nameX = num(224 + 5 + 8 + textWidth('ToR', 10, true) + 1.5 + 8 + 6);
    expect(tor).toContain(
      `<text class="name" x="${nameX}" y="260" font-size="13.5" font-weight="700" fill="#1b2333">tor-a</text>`,
    );
    expect(tor).toContain('>10.0.1.1 · AS 65001</text>');
    expect(card(svg, 'spine-1')).toContain('>FRR · no community pref.</text>');
  });

  it('tints a client card by its verdict and puts a badge with icon and word above it', () => {
    // node-a1 at (16, 170) in the rack: absolute (16, 370); one VM row makes it 94 high.
    expect(card(svg, 'node-a1')).toContain(
      '<rect x="16" y="370" width="190" height="94" rx="7" fill="none" stroke="#c92a2a" stroke-width="2"/>',
    );
    expect(svg).toMatch(
      /<g class="verdict" data-client="node-a1" data-outcome="blackhole"><rect [^>]*fill="#c92a2a"\/><text [^>]*fill="#fff">✕ blackhole<\/text><\/g>/,
    );
    expect(svg).toMatch(
      /<g class="verdict" data-client="node-a2" data-outcome="delivered"><rect [^>]*fill="#2b8a3e"\/><text [^>]*>✓ delivered<\/text><\/g>/,
    );
    expect(svg).toMatch(
      /<g class="verdict" data-client="node-a3" data-outcome="loop"><rect [^>]*fill="#7b2cbf"\/><text [^>]*>↻ loop<\/text><\/g>/,
    );
    expect(svg).toMatch(/<g class="vm-host" data-node="node-a2">.*?>▣ vm-1 here<\/text><\/g>/);
    // The VM's chip stays on node-a1, where the design places it, faded and dashed: it runs on node-a2 now.
    expect(card(svg, 'node-a1')).toMatch(
      /<g class="vm-chip" data-vm="vm-1" opacity="0.55"><rect [^>]*stroke-dasharray="4 3"\/>/,
    );
  });

  it('draws each path in the style of how it ends, with its end mark', () => {
    const loop = /<g class="packet-path" data-client="node-a3" data-outcome="loop">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    const lines = loop.match(/<path [^>]*\/>/g) ?? [];
    expect(lines).toHaveLength(3);
    for (const l of lines)
      expect(l).toMatch(
        /class="path-line loop" d="M[^"]+" fill="none" stroke="#aa3377" stroke-width="3.2" stroke-dasharray="0.1 6" stroke-linecap="round"/,
      );
    // The last segment stops short of its mark; the others end in arrows.
    expect(lines.filter((l) => l.includes('marker-end="url(#lr-arrow-loop)"'))).toHaveLength(2);
    expect(svg).toMatch(
      /<g class="path-mark loop" data-hop="tor-a" transform="translate\([\d.]+,[\d.]+\)"><circle r="10" fill="#aa3377" stroke="#fff" stroke-width="1.8"\/><text [^>]*>↻<\/text><\/g>/,
    );
    // node-a1 drops its own packets: a ✕ beside its card, left side, middle (16 - 10 + 2, 370 + 47).
    expect(svg).toContain(
      '<g class="path-mark blackhole" data-hop="node-a1" transform="translate(8.0,417.0)"><circle r="10" fill="#d55e00"',
    );
  });

  it('styles delivered and blackholed lines solid and dashed', () => {
    const flows = new Map([
      [
        'node-a1',
        flow(
          'node-a1',
          'split',
          [
            ['node-a1', 'tor-a', 'node-a2'],
            ['node-a1', 'tor-a'],
          ],
          ['delivered', 'blackhole'],
        ),
      ],
    ]);
    const out = renderDiagramSvg(scene({ flows })).svg;
    const group = /<g class="packet-path" data-client="node-a1" data-outcome="split">(.*?)<\/g>/.exec(out)?.[1] ?? '';
    expect(group).toMatch(
      /class="path-line delivered" d="M[^"]+" fill="none" stroke="#009e73" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" marker-end="url\(#lr-arrow-delivered\)"/,
    );
    expect(group).toMatch(
      /class="path-line blackhole" d="M[^"]+" fill="none" stroke="#d55e00" stroke-width="2.6" stroke-dasharray="8 5" stroke-linecap="butt"/,
    );
    expect(out).toMatch(/<g class="verdict" data-client="node-a1" data-outcome="split">.*?>½ split<\/text><\/g>/);
  });

  it('has a title with the caption and verdict counts, a legend, and session labels', () => {
    expect(svg).toContain('<title>Racks &lt;A&amp;B&gt; &quot;one&quot; — tiny · live +12 ms</title>');
    expect(svg).toContain(
      'font-size="20" font-weight="700" fill="#1b2333">Racks &lt;A&amp;B&gt; &quot;one&quot;</text>',
    );
    expect(svg).toContain('>tiny · live +12 ms   ·   ✓ 1 delivered   ✕ 1 blackhole   ↻ 1 loop</text>');
    for (const word of [
      '✓ delivered',
      '✕ blackhole',
      '↻ loop',
      '½ split',
      'each path in its own style',
      '▣ vm-1 here: where the VM runs',
    ])
      expect(svg).toContain(`>${word}</text>`);
    expect(svg).toContain('>eBGP 65000 ↔ 65001</tspan>');
    expect(svg).toContain('>eBGP 65101–65103 → 65001</tspan><tspan fill="#5b6678"> · no filter</tspan>');
  });

  it('escapes <, & and > in every text it writes', () => {
    const out = renderDiagramSvg(scene({ title: 'a<b & c>d', caption: '<script>&' })).svg;
    expect(out).toContain('>a&lt;b &amp; c&gt;d</text>');
    expect(out).toContain('<title>a&lt;b &amp; c&gt;d — &lt;script&gt;&amp;</title>');
    expect(out).not.toMatch(/<script/);
    expect(esc(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
    expect(new DOMParser().parseFromString(out, 'image/svg+xml').getElementsByTagName('parsererror')).toHaveLength(0);
  });

  it('is deterministic, and works without a simulation', () => {
    expect(renderDiagramSvg(scene()).svg).toBe(svg);
    const bare = renderDiagramSvg(scene({ flows: undefined, vm: undefined }));
    expect(bare.svg).not.toContain('class="verdict"');
    expect(bare.svg).not.toContain('class="packet-path"');
    expect(bare.svg).not.toContain('class="legend"');
    expect(bare.svg).toContain('>tor-a</text>');
  });
});
