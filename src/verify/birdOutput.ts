/**
 * What BIRD 1.6 prints on its control socket, read back into data: `show route all` (every route
 * of the table with its attributes) and `show protocols`. The socket prefixes each line with a
 * four-digit code and `-` or ` ` (continuation lines with a single space); `replyText` strips
 * them, giving what `birdc` shows.
 */

export interface BirdRoute {
  readonly prefix: string;
  /** BIRD's primary (selected) route for the prefix: marked `*`. */
  readonly primary: boolean;
  /** Marked `!`: primary, but BIRD's kernel protocol found the kernel's copy different. */
  readonly syncError?: boolean;
  /** The protocol it came from (`Node_10_0_1_1`, `kernel1`, `static1`). */
  readonly protocol: string;
  readonly dest: 'via' | 'dev' | 'blackhole' | 'unreachable' | 'prohibit' | 'multipath';
  /** The gateway (`via`), or the device (`dev`). */
  readonly gateway?: string;
  readonly device?: string;
  /** `from X`: the BGP neighbour when it is not the gateway. */
  readonly from?: string;
  readonly preference: number;
  readonly type?: string;
  readonly origin?: string;
  readonly asPath?: readonly number[];
  readonly nextHop?: string;
  readonly localPref?: number;
  readonly med?: number;
  readonly communities: readonly string[];
  readonly largeCommunities: readonly string[];
  readonly kernelMetric?: number;
}

export interface BirdProtocol {
  readonly name: string;
  readonly proto: string;
  readonly state: string;
  readonly info: string;
}

/** The text of a control-socket reply, without the reply codes. */
export function replyText(raw: string): string {
  const out: string[] = [];
  for (const line of raw.split('\n')) {
    if (line === '') continue;
    const m = /^(\d{4})([ -])(.*)$/.exec(line);
    if (m) {
      if (m[1] === '0000') continue;
      out.push(m[3] as string);
    } else if (line.startsWith(' ')) out.push(line.slice(1));
    else out.push(line);
  }
  return out.join('\n');
}

/** The code of the reply's last line (`0000` success, 8xxx/9xxx errors), or undefined while incomplete. */
export function replyEnd(raw: string): { code: string; text: string } | undefined {
  const lines = raw.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^(\d{4}) (.*)$/.exec(lines[i] as string);
    if (m && (m[1] === '0000' || /^[89]/.test(m[1] as string))) return { code: m[1] as string, text: m[2] as string };
  }
  return undefined;
}

// `*` marks the primary route; `!` a primary route the kernel protocol reports out of sync with
// the kernel (BIRD 1.6 does so for every multipath route it installs, which the kernel holds).
const HEAD = /^(?:(\S+)\s+)?(.*?)\s*\[(\S+)(?: [^\]]*?)?(?: from (\S+))?\]\s*([*!])?\s*\((\d+)(?:\/[^)]*)?\)/;

function parseCommunities(text: string, large: boolean): string[] {
  const re = large ? /\((\d+), *(\d+), *(\d+)\)/g : /\((\d+), *(\d+)\)/g;
  return [...text.matchAll(re)].map((m) => m.slice(1).join(':'));
}

/** `show route all`: every route, in the order BIRD prints them. */
export function parseShowRouteAll(text: string): BirdRoute[] {
  const out: BirdRoute[] = [];
  let prefix = '';
  let current: { -readonly [K in keyof BirdRoute]: BirdRoute[K] } | undefined;
  const flush = () => {
    if (current) out.push(current);
    current = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^BIRD \d/.test(line)) continue;
    if (line.startsWith('\t')) {
      if (!current) continue;
      const m = /^\t([\w.]+): ?(.*)$/.exec(line);
      if (!m) continue;
      const [, key, value = ''] = m;
      if (key === 'Type') current.type = value.trim();
      else if (key === 'BGP.origin') current.origin = value.trim();
      else if (key === 'BGP.as_path') current.asPath = value.trim() === '' ? [] : value.trim().split(/\s+/).map(Number);
      else if (key === 'BGP.next_hop') current.nextHop = value.trim().split(/\s+/)[0];
      else if (key === 'BGP.local_pref') current.localPref = Number(value);
      else if (key === 'BGP.med') current.med = Number(value);
      else if (key === 'BGP.community') current.communities = parseCommunities(value, false);
      else if (key === 'BGP.large_community') current.largeCommunities = parseCommunities(value, true);
      else if (key === 'Kernel.metric') current.kernelMetric = Number(value);
      continue;
    }
    const m = HEAD.exec(line);
    if (!m) continue;
    flush();
    if (m[1] && !line.startsWith(' ')) prefix = m[1];
    const what = (m[2] ?? '').trim();
    const via = /^via (\S+)(?: on (\S+))?/.exec(what);
    const dev = /^dev (\S+)/.exec(what);
    const dest: BirdRoute['dest'] = via
      ? 'via'
      : dev
        ? 'dev'
        : what.startsWith('blackhole')
          ? 'blackhole'
          : what.startsWith('unreachable')
            ? 'unreachable'
            : what.startsWith('prohibited')
              ? 'prohibit'
              : 'multipath';
    current = {
      prefix,
      primary: m[5] !== undefined,
      ...(m[5] === '!' ? { syncError: true } : {}),
      protocol: m[3] as string,
      dest,
      ...(via
        ? { gateway: via[1] as string, ...(via[2] ? { device: via[2] } : {}) }
        : dev
          ? { device: dev[1] as string }
          : {}),
      ...(m[4] ? { from: m[4] } : {}),
      preference: Number(m[6]),
      communities: [],
      largeCommunities: [],
    };
  }
  flush();
  return out;
}

/** `show protocols`: one entry per protocol. */
export function parseShowProtocols(text: string): BirdProtocol[] {
  const out: BirdProtocol[] = [];
  for (const line of text.split('\n')) {
    if (/^name\s+proto/.test(line) || line.trim() === '') continue;
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+\S+\s*(.*)$/.exec(line);
    if (m) out.push({ name: m[1] as string, proto: m[2] as string, state: m[4] as string, info: (m[5] ?? '').trim() });
  }
  return out;
}

/**
 * `show route all` without the time each route last changed. BIRD 1.6 prints that time to the
 * second, converted between two clocks at each query, so one unchanged route reads a second
 * apart from one query to the next (more often on a loaded machine): a lab waiting for identical
 * replies would wait on the clock. Route updates still show in `routeUpdateCounters`.
 */
export function withoutRouteTimes(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('\t') ? line : line.replace(/\[(\S+) [^\s\]]+((?: from \S+)?)\]/, '[$1$2]')))
    .join('\n');
}

/**
 * From `show protocols all`: each protocol's route change counters, one line per protocol and
 * direction. They grow with every import or export update and withdraw the protocol processes,
 * also one undone before anyone looks, and stand still once nothing happens.
 */
export function routeUpdateCounters(text: string): string {
  const out: string[] = [];
  let protocol = '';
  for (const line of text.split('\n')) {
    const head = /^(\S+)\s+\S+\s+\S+\s+\S+/.exec(line);
    if (head && !/^name\s+proto/.test(line)) protocol = head[1] as string;
    const stats = /^\s+((?:Import|Export) (?:updates|withdraws)):\s+(.*)$/.exec(line);
    if (stats) out.push(`${protocol} ${stats[1] as string}: ${(stats[2] as string).trim().split(/\s+/).join(' ')}`);
  }
  return out.join('\n');
}
