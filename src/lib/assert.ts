/** Fails loudly on a broken invariant (a bug in liveroute, not bad user input). */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`liveroute invariant violated: ${message}`);
}

/** Makes a switch over a union exhaustive at compile time. */
export function exhaustive(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
