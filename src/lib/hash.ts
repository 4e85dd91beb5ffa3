/** Small deterministic hashes for generated identifiers (not for security). */

/** FNV-1a (32 bit) of the UTF-16 code units of `text`, as 8 lowercase hex digits. */
export function fnv1aHex(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * `name` if it fits in `max` characters, else its first characters, `sep` and the hash of the
 * whole name: distinct names stay distinct (up to hash collisions) and the result is stable.
 */
export function fitName(name: string, max: number, sep = '-'): string {
  if (name.length <= max) return name;
  const hash = fnv1aHex(name);
  return `${name.slice(0, max - hash.length - sep.length)}${sep}${hash}`;
}
