/**
 * base64url without padding (RFC 4648 §5): the alphabet that survives a URL fragment, a chat
 * message and a copy from a terminal without escaping. Small enough to write here rather than
 * depend on `btoa` (DOM) or `Buffer` (Node).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      ALPHABET[n >> 18] +
      (ALPHABET[(n >> 12) & 63] as string) +
      (ALPHABET[(n >> 6) & 63] as string) +
      (ALPHABET[n & 63] as string);
  }
  const left = bytes.length - i;
  if (left === 1) {
    const n = (bytes[i] as number) << 16;
    out += (ALPHABET[n >> 18] as string) + (ALPHABET[(n >> 12) & 63] as string);
  } else if (left === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += (ALPHABET[n >> 18] as string) + (ALPHABET[(n >> 12) & 63] as string) + (ALPHABET[(n >> 6) & 63] as string);
  }
  return out;
}

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * The bytes of base64url text, or why it is not base64url: the first character outside the
 * alphabet (1-based position), or a length no encoder produces (4n + 1 characters: a link cut short).
 * Trailing `=` padding, which some tools add, is accepted.
 */
export function decodeBase64url(text: string): Base64Result {
  const body = text.replace(/={1,2}$/, '');
  for (let i = 0; i < body.length; i++) {
    if (!VALUE.has(body[i] as string))
      return { ok: false, reason: `unexpected ${JSON.stringify(body[i])} at character ${i + 1}` };
  }
  if (body.length % 4 === 1)
    return { ok: false, reason: `${body.length} characters is not a possible length; the link was probably cut short` };
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < body.length; i += 4) {
    const chunk = body.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) n = (n << 6) | (k < chunk.length ? (VALUE.get(chunk[k] as string) as number) : 0);
    bytes[o++] = (n >> 16) & 255;
    if (chunk.length > 2) bytes[o++] = (n >> 8) & 255;
    if (chunk.length > 3) bytes[o++] = n & 255;
  }
  return { ok: true, bytes };
}
