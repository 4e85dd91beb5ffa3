/**
 * Process-wide caches that share work between the configs of one network (parsed items, filter
 * runners) and between builds of the same design, without keeping every design a long-lived
 * process (the app's worker) has ever seen. Each `buildNetwork` opens a generation; an entry
 * remembers the last generation that used it; opening a generation drops every entry the
 * previous one (the latest network) did not use. So a cache holds at most what two designs use,
 * and a rebuild of the same design finds everything. Each cache is also bounded by entry count.
 * Entries are pure functions of their keys: what is dropped is recomputed, never different.
 */

let generation = 0;

interface Sweepable {
  sweep(keepFrom: number): void;
}

/** Every cache made by this module (module-level singletons: a fixed, small list). */
const CACHES: Sweepable[] = [];

export class GenerationCache<K, V> implements Sweepable {
  private readonly entries = new Map<K, { value: V; used: number }>();

  constructor(private readonly max: number) {
    CACHES.push(this);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K | undefined): V | undefined {
    if (key === undefined) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    e.used = generation;
    return e.value;
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.max) {
      // Full: first what this generation has not used, then the oldest quarter.
      this.sweep(generation);
      let drop = this.entries.size - Math.floor((this.max * 3) / 4);
      for (const k of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, { value, used: generation });
  }

  /** Drops every entry last used before generation `keepFrom`. */
  sweep(keepFrom: number): void {
    for (const [k, e] of this.entries) if (e.used < keepFrom) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Starts a new generation (a new network is about to be built): entries that the previous
 * generation did not use are dropped from every cache.
 */
export function newCacheGeneration(): void {
  generation++;
  for (const c of CACHES) c.sweep(generation - 1);
}

/** Entries held over all caches (for tests and the bench). */
export function cachedEntries(): number {
  let n = 0;
  for (const c of CACHES) n += (c as GenerationCache<unknown, unknown>).size;
  return n;
}
