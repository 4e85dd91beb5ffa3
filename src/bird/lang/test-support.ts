/**
 * Helpers for the filter-language tests (not used by the app): parse a config, run one of its
 * filters (or a protocol's import/export filter) on a route given by the attributes that differ
 * from a plain BGP route for 10.244.1.5/32.
 */
import { prefix4, type Prefix4 } from '../../lib/ip';
import type { BirdConfig, FilterRef } from './ast';
import { parseBirdConfig } from './configParser';
import { runFilter, type FilterOutcome } from './interpreter';
import type { Route } from './route';

export function net(text: string): Prefix4 {
  const p = prefix4(text);
  if (!p) throw new Error(`not a prefix: ${text}`);
  return p;
}

/** A BGP route for 10.244.1.5/32 learned on eth0, with `attrs` on top. */
export function route(attrs: Partial<Route> = {}): Route {
  return {
    net: net('10.244.1.5/32'),
    source: 'RTS_BGP',
    dest: 'RTD_ROUTER',
    preference: 100,
    ifname: 'eth0',
    ...attrs,
  };
}

export function config(text: string, includes: ReadonlyMap<string, string> = new Map()): BirdConfig {
  return parseBirdConfig({ name: 'test.conf', text }, includes);
}

const AT = { file: 'test', line: 0, col: 0, text: '' };

/** Runs the named filter `name` of `text` on a route. */
export function run(text: string, attrs: Partial<Route> = {}, name = 'f'): FilterOutcome {
  return runFilter(config(text), { k: 'named', name, at: AT }, route(attrs));
}

/** A function that runs the named filter of one parsed config on many routes. */
export function filterOf(text: string, name = 'f'): (attrs?: Partial<Route>) => FilterOutcome {
  const cfg = config(text);
  return (attrs = {}) => runFilter(cfg, { k: 'named', name, at: AT }, route(attrs));
}

/** `import`/`export` filter of protocol `protocol` in a parsed config. */
export function protocolFilter(cfg: BirdConfig, protocol: string, direction: 'import' | 'export'): FilterRef {
  const p = cfg.protocols.find((x) => x.name === protocol);
  const ref = p?.options.find((o) => o.words.length === 1 && o.words[0] === direction)?.filter;
  if (!ref) throw new Error(`no ${direction} filter in protocol ${protocol}`);
  return ref;
}
