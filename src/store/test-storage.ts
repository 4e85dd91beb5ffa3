/**
 * A browser-storage double for tests (not used by the app): a quota counted as Chromium counts it
 * (UTF-16 units of every key and value; 5,242,880 per origin), writes past it refused with
 * QuotaExceededError, and switches that make reads or writes throw SecurityError, as a browser
 * that blocks site data does. Values of any type can be planted, as a wrapper or another tool might.
 */
import type { KeyValueStorage } from './autosave';

/** Chromium's localStorage quota per origin, in UTF-16 units of keys and values. */
export const CHROMIUM_QUOTA = 5 * 1024 * 1024;

export class FakeStorage implements KeyValueStorage {
  readonly data = new Map<string, unknown>();
  /** Every getItem throws SecurityError. */
  denyReads = false;
  /** Every setItem throws SecurityError (removeItem still works). */
  denyWrites = false;

  constructor(
    initial: Record<string, unknown> = {},
    readonly quota = CHROMIUM_QUOTA,
  ) {
    for (const [k, v] of Object.entries(initial)) this.data.set(k, v);
  }

  used(): number {
    let n = 0;
    for (const [k, v] of this.data) n += k.length + String(v).length;
    return n;
  }

  /** Fills the quota to the last unit with filler keys (as a page that stores a lot would). */
  fill(): void {
    let left = this.quota - this.used();
    for (let i = 0; left > 0; i++) {
      // Keys of ten units (`filler0000` …); when less is left, one key of what is left.
      const key = left > 10 ? `filler${String(i).padStart(4, '0')}` : 'z'.repeat(left);
      const size = Math.min(left - key.length, 1 << 20);
      this.data.set(key, 'f'.repeat(size));
      left -= key.length + size;
    }
  }

  getItem(key: string): string | null {
    if (this.denyReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.data.has(key) ? (this.data.get(key) as string) : null;
  }

  setItem(key: string, value: string): void {
    if (this.denyWrites) throw new DOMException('The operation is insecure.', 'SecurityError');
    const text = String(value);
    const old = this.data.get(key);
    const next = this.used() - (old === undefined ? 0 : key.length + String(old).length) + key.length + text.length;
    if (next > this.quota)
      throw new DOMException(
        `Failed to execute 'setItem' on 'Storage': Setting the value of '${key}' exceeded the quota.`,
        'QuotaExceededError',
      );
    this.data.set(key, text);
  }

  removeItem(key: string): void {
    this.data.delete(key);
  }
}
