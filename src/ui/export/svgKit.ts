/**
 * Small, pure helpers for writing SVG as text: escaping, attribute lists, an estimate of text
 * width (there is no DOM to measure with, and the file must come out the same everywhere), and
 * the app's palette as plain hex values, since an exported file cannot read CSS variables.
 */

/**
 * The colours of src/ui/styles.css (`:root`), copied: keep them in step when the palette changes.
 * Path and message colours are the Okabe–Ito set the canvas uses (colour-blind safe).
 */
export const PALETTE = {
  text: '#1b2333',
  muted: '#5b6678',
  line: '#d5dbe3',
  cardLine: '#c3ccd8',
  rackFill: '#eaf0f7',
  rackLine: '#8d9bb0',
  calico: '#d9480f',
  tor: '#0b7285',
  spine: '#3b5bdb',
  rr: '#7048e8',
  border: '#c77700',
  ebgp: '#1971c2',
  ibgp: '#2b8a3e',
  rrclient: '#862e9c',
  mixed: '#495057',
  link: '#9aa5b4',
  danger: '#c92a2a',
  delivered: '#2b8a3e',
  deliveredBg: '#ebfbee',
  blackhole: '#c92a2a',
  blackholeBg: '#fff0f0',
  split: '#b35c00',
  splitBg: '#fff4d6',
  loop: '#7b2cbf',
  loopBg: '#f5edff',
  pathDelivered: '#009e73',
  pathBlackhole: '#d55e00',
  pathLoop: '#aa3377',
  vmFill: '#fff4e6',
  vmText: '#a63c06',
  vmLine: '#ffc078',
} as const;

export const FONT = "'DejaVu Sans', 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Text as SVG character data or attribute value: `<`, `&`, `>` and quotes escaped. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Numbers to hundredths: a shorter file, the same picture. */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

export type Attrs = Readonly<Record<string, string | number | undefined>>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : esc(v as string)}"`)
    .join('');
}

/** An element: self-closing without children. Children are SVG text already. */
export function el(tag: string, a: Attrs, ...children: readonly string[]): string {
  return children.length === 0 ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children.join('')}</${tag}>`;
}

/** A `<text>` element holding `content` (escaped here). */
export function text(content: string, a: Attrs): string {
  return `<text${attrs(a)}>${esc(content)}</text>`;
}

// Advance widths in em, by character class, after DejaVu Sans (the widest of the faces in FONT,
// so a label's box holds its text in any of them).
const WIDTH_CLASSES: readonly (readonly [string, number])[] = [
  ["ijl.,:;|!'` ·", 0.32],
  ['ftr()[]{}/-I', 0.41],
  ['csz"', 0.55],
  ['mw', 0.98],
  ['MW@%', 1.0],
];
const CLASS_OF = new Map(WIDTH_CLASSES.flatMap(([chars, w]) => [...chars].map((c) => [c, w] as const)));

/** The estimated width of `s` at `size` px. */
export function textWidth(s: string, size: number, bold = false): number {
  let em = 0;
  for (const c of s) {
    const known = CLASS_OF.get(c);
    if (known !== undefined) em += known;
    else if (/[A-Z]/.test(c)) em += 0.72;
    else if (/[0-9a-z_]/.test(c)) em += 0.64;
    else em += 0.84; // symbols: ✓ ✕ ↻ ▣ → ↔ … ⚠
  }
  return em * size * (bold ? 1.1 : 1);
}

/** `s` cut with an ellipsis to fit `width` px. */
export function fitText(s: string, width: number, size: number, bold = false): string {
  if (textWidth(s, size, bold) <= width) return s;
  let cut = s;
  while (cut.length > 1 && textWidth(`${cut}…`, size, bold) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
