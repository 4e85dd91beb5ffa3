/**
 * The boxes of the exported diagram, drawn like the canvas cards: racks as frames with their
 * name and subnet; Calico nodes and routers as cards with a role tag, name, address, AS and
 * platform, VMs as chips; and above a client's card its verdict as a pill with icon and word
 * (never colour alone), next to the ▣ mark of the node that runs the VM.
 */
import type { Router } from '../../model';
import type { Outcome } from '../../store/simulation';
import { OUTCOME_ICON, OUTCOME_LABEL } from '../sim/outcome';
import type { Rect } from '../sim/overlay/geometry';
import type { CalicoNodeData, RackData, RouterData } from '../canvas/toFlow';
import { el, fitText, num, PALETTE, text, textWidth } from './svgKit';

const ROLE_LABEL: Readonly<Record<Router['role'], string>> = {
  tor: 'ToR',
  spine: 'SPINE',
  'route-reflector': 'RR',
  border: 'BORDER',
};
const ROLE_COLOR: Readonly<Record<Router['role'], string>> = {
  tor: PALETTE.tor,
  spine: PALETTE.spine,
  'route-reflector': PALETTE.rr,
  border: PALETTE.border,
};
const PLATFORM_LABEL: Readonly<Record<Router['platform'], string>> = {
  bird1: 'BIRD 1',
  bird2: 'BIRD 2',
  frr: 'FRR',
  eos: 'EOS',
  nxos: 'NX-OS',
  junos: 'Junos',
};

export const OUTCOME_COLOR: Readonly<Record<Outcome, { fg: string; bg: string }>> = {
  delivered: { fg: PALETTE.delivered, bg: PALETTE.deliveredBg },
  blackhole: { fg: PALETTE.blackhole, bg: PALETTE.blackholeBg },
  split: { fg: PALETTE.split, bg: PALETTE.splitBg },
  loop: { fg: PALETTE.loop, bg: PALETTE.loopBg },
};

const ACCENT_W = 5;
const PAD_X = 8;
const SUB_SIZE = 11.5;

export function rackSvg(data: RackData, r: Rect): string {
  const { rack, nodeCount, mesh } = data;
  const baseline = r.y + 24;
  let x = r.x + 12;
  const parts = [
    el('rect', {
      x: r.x,
      y: r.y,
      width: r.width,
      height: r.height,
      rx: 10,
      fill: PALETTE.rackFill,
      stroke: PALETTE.rackLine,
      'stroke-width': 2,
    }),
    text(rack.name, { x, y: baseline, 'font-size': 14, 'font-weight': 700, fill: PALETTE.text }),
  ];
  x += textWidth(rack.name, 14, true) + 8;
  parts.push(text(rack.subnet, { x, y: baseline, 'font-size': 12, fill: PALETTE.muted }));
  x += textWidth(rack.subnet, 12) + 8;
  const chips = [`${nodeCount} node${nodeCount === 1 ? '' : 's'}`, ...(mesh && nodeCount > 0 ? ['iBGP mesh'] : [])];
  for (const chip of chips) {
    const w = textWidth(chip, 11) + 12;
    parts.push(
      el('rect', { x, y: baseline - 12, width: w, height: 16, rx: 8, fill: '#fff', stroke: PALETTE.line }),
      text(chip, { x: x + 6, y: baseline, 'font-size': 11, fill: PALETTE.muted }),
    );
    x += w + 6;
  }
  return el('g', { class: 'rack', 'data-name': rack.name }, ...parts);
}

/** The card frame: accent bar on the left, tinted and ringed by the outcome when the card is a client. */
function cardFrame(r: Rect, accent: string, outcome: Outcome | undefined): string {
  const fill = outcome ? OUTCOME_COLOR[outcome].bg : '#fff';
  const stroke = outcome ? OUTCOME_COLOR[outcome].fg : PALETTE.cardLine;
  const rr = 7;
  const [left, top, right, bottom] = [num(r.x + ACCENT_W), num(r.y), num(r.x + r.width), num(r.y + r.height)];
  const body = `M${left},${top} H${num(r.x + r.width - rr)} A${rr},${rr} 0 0 1 ${right},${num(r.y + rr)} V${num(r.y + r.height - rr)} A${rr},${rr} 0 0 1 ${num(r.x + r.width - rr)},${bottom} H${left} Z`;
  return [
    el('rect', { x: r.x, y: r.y, width: r.width, height: r.height, rx: rr, fill: accent }),
    el('path', { d: body, fill }),
    el('rect', {
      x: r.x,
      y: r.y,
      width: r.width,
      height: r.height,
      rx: rr,
      fill: 'none',
      stroke,
      'stroke-width': outcome ? 2 : 1,
    }),
  ].join('');
}

/** Role tag and name on the card's first line; returns the SVG. */
function cardHead(r: Rect, role: string, accent: string, name: string, note?: string): string {
  const x = r.x + ACCENT_W + PAD_X;
  const tagW = textWidth(role, 10, true) + 0.5 * role.length + 8;
  const noteW = note ? textWidth(note, 10.5) + 6 : 0;
  const nameRoom = r.width - ACCENT_W - PAD_X * 2 - tagW - 6 - noteW;
  return [
    el('rect', { x, y: r.y + 8, width: tagW, height: 14, rx: 3, fill: accent }),
    text(role, { x: x + 4, y: r.y + 19, 'font-size': 10, 'font-weight': 700, fill: '#fff', 'letter-spacing': 0.5 }),
    text(fitText(name, nameRoom, 13.5, true), {
      class: 'name',
      x: x + tagW + 6,
      y: r.y + 20,
      'font-size': 13.5,
      'font-weight': 700,
      fill: PALETTE.text,
    }),
    note
      ? text(note, {
          x: r.x + r.width - PAD_X,
          y: r.y + 19,
          'text-anchor': 'end',
          'font-size': 10.5,
          fill: PALETTE.muted,
        })
      : '',
  ].join('');
}

function subLine(r: Rect, line: number, s: string): string {
  const room = r.width - ACCENT_W - PAD_X * 2;
  return text(fitText(s, room, SUB_SIZE), {
    x: r.x + ACCENT_W + PAD_X,
    y: r.y + 38 + line * 16,
    'font-size': SUB_SIZE,
    fill: PALETTE.muted,
  });
}

export interface ClientMarks {
  readonly outcome: Outcome | undefined;
  /** The migrating VM, when it runs here at the instant shown. */
  readonly vmHere: string | undefined;
  /** The migrating VM when it is placed here but runs elsewhere at the instant shown. */
  readonly vmAway: string | undefined;
}

export function calicoNodeSvg(data: CalicoNodeData, r: Rect, marks: ClientMarks): string {
  const { node, vms, asNumber, asIsDefault } = data;
  const parts = [
    cardFrame(r, PALETTE.calico, marks.outcome),
    cardHead(r, 'NODE', PALETTE.calico, node.name, node.routeReflectorClusterID ? 'RR' : undefined),
    subLine(r, 0, `${node.address} · AS ${asNumber}${asIsDefault ? '*' : ''}`),
    subLine(r, 1, `block ${(node.blocks ?? []).join(', ') || 'auto'}`),
  ];
  vms.forEach((vm, i) => {
    const away = marks.vmAway === vm.name;
    const y = r.y + 58 + i * 20;
    const x = r.x + ACCENT_W + PAD_X;
    const w = r.width - ACCENT_W - PAD_X * 2;
    parts.push(
      el(
        'g',
        { class: 'vm-chip', 'data-vm': vm.name, opacity: away ? 0.55 : undefined },
        el('rect', {
          x,
          y,
          width: w,
          height: 17,
          rx: 4,
          fill: away ? 'none' : PALETTE.vmFill,
          stroke: PALETTE.vmLine,
          'stroke-dasharray': away ? '4 3' : undefined,
        }),
        text(`▣ ${vm.name}`, { x: x + 6, y: y + 12.5, 'font-size': 11.5, fill: PALETTE.text }),
        text(vm.ip, { x: x + w - 6, y: y + 12.5, 'text-anchor': 'end', 'font-size': 11, fill: PALETTE.muted }),
      ),
    );
  });
  return el('g', { class: 'card node', 'data-name': node.name }, ...parts);
}

export function routerSvg(data: RouterData, r: Rect, marks: ClientMarks): string {
  const router = data.router;
  const accent = ROLE_COLOR[router.role];
  const preference = router.routeReflector
    ? `RR ${router.routeReflector.clusterId}`
    : router.policy?.elevatedCommunity
      ? `prefers ${router.policy.elevatedCommunity}`
      : 'no community pref.';
  return el(
    'g',
    { class: 'card router', 'data-name': router.name },
    cardFrame(r, accent, marks.outcome),
    cardHead(r, ROLE_LABEL[router.role], accent, router.name),
    subLine(r, 0, `${router.address} · AS ${router.asNumber}`),
    subLine(r, 1, `${PLATFORM_LABEL[router.platform]} · ${preference}`),
  );
}

/** The pills above a card's top edge, right-aligned like the canvas: ▣ VM here, then the verdict. Returns the SVG and the box they take. */
export function cardPills(name: string, r: Rect, marks: ClientMarks): { svg: string; box?: Rect } {
  const parts: string[] = [];
  let right = r.x + r.width - 6;
  const top = r.y - 11;
  if (marks.outcome) {
    const label = `${OUTCOME_ICON[marks.outcome]} ${OUTCOME_LABEL[marks.outcome]}`;
    const w = textWidth(label, 11, true) + 14;
    right -= w;
    parts.push(
      el(
        'g',
        { class: 'verdict', 'data-client': name, 'data-outcome': marks.outcome },
        el('rect', { x: right, y: top, width: w, height: 18, rx: 9, fill: OUTCOME_COLOR[marks.outcome].fg }),
        text(label, { x: right + 7, y: top + 13, 'font-size': 11, 'font-weight': 700, fill: '#fff' }),
      ),
    );
    right -= 4;
  }
  if (marks.vmHere) {
    const label = `▣ ${marks.vmHere} here`;
    const w = textWidth(label, 11, true) + 14;
    right -= w;
    parts.push(
      el(
        'g',
        { class: 'vm-host', 'data-node': name },
        el('rect', { x: right, y: top + 1, width: w, height: 16, rx: 8, fill: PALETTE.vmFill, stroke: PALETTE.calico }),
        text(label, { x: right + 7, y: top + 13, 'font-size': 11, 'font-weight': 700, fill: PALETTE.vmText }),
      ),
    );
  }
  if (parts.length === 0) return { svg: '' };
  return { svg: parts.join(''), box: { x: right, y: top, width: r.x + r.width - 6 - right, height: 18 } };
}
