/**
 * Names of everything in a design are DNS-1123 labels, so they can never break a generated
 * config (DESIGN §4).
 */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_MAX = 63;

export function isDnsLabel(name: string): boolean {
  return name.length <= DNS_LABEL_MAX && DNS_LABEL.test(name);
}

/** The first of `base`, `base-2`, `base-3`, ... that is not taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, '');
  for (let i = 2; ; i++) {
    const candidate = `${stem.slice(0, DNS_LABEL_MAX - String(i).length - 1)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Sorted copy with a deterministic, locale-independent order. */
export function sortedStrings(values: Iterable<string>): string[] {
  return [...values].sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
