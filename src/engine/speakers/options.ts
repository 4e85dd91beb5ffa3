/** Reading BIRD protocol options (with template inheritance and BIRD 2 channel blocks). */
import type { BirdConfig, FilterRef, Option, ProtocolDef } from '../../bird/lang/ast';

/** The options of a protocol after its template chain: the template's first, its own after. */
export function effectiveOptions(cfg: BirdConfig, p: ProtocolDef): Option[] {
  const chain: ProtocolDef[] = [];
  for (let cur: ProtocolDef | undefined = p; cur; cur = cur.from ? cfg.templates.get(cur.from) : undefined) {
    chain.unshift(cur);
    if (chain.length > 16) break;
  }
  return chain.flatMap((x) => x.options);
}

/** Options of the protocol with the IPv4 channel's options flattened in (BIRD 2). */
export function flatOptions(options: readonly Option[]): Option[] {
  return options.flatMap((o) => (o.words.length === 1 && o.words[0] === 'ipv4' && o.block ? o.block : [o]));
}

/** The last option whose words start with `head` (later options override earlier ones). */
export function option(options: readonly Option[], ...head: string[]): Option | undefined {
  let found: Option | undefined;
  for (const o of options) if (head.every((h, i) => o.words[i] === h)) found = o;
  return found;
}

export function hasFlag(options: readonly Option[], ...head: string[]): boolean {
  const o = option(options, ...head);
  if (!o) return false;
  const value = o.words[head.length];
  return value === undefined || value === 'on' || value === 'yes';
}

export function filterOf(options: readonly Option[], direction: 'import' | 'export'): FilterRef | undefined {
  let found: FilterRef | undefined;
  for (const o of options) if (o.words.length === 1 && o.words[0] === direction && o.filter) found = o.filter;
  return found;
}

export function protocolsOfType(cfg: BirdConfig, type: string): ProtocolDef[] {
  return cfg.protocols.filter((p) => p.type === type);
}
