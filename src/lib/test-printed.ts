/**
 * For tests of readers, which print nothing of their own accord: inside a `describe`, records
 * what the code under test prints in each test (console, and Node's process warnings, where the
 * YAML package puts its own), with the printing itself silenced.
 */
import { afterEach, beforeEach, vi } from 'vitest';

export function recordPrinted(): () => readonly string[] {
  let printed: string[] = [];
  beforeEach(() => {
    printed = [];
    const keep = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    for (const method of ['log', 'warn', 'error', 'info'] as const) vi.spyOn(console, method).mockImplementation(keep);
    vi.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => void printed.push(String(w)));
  });
  afterEach(() => void vi.restoreAllMocks());
  return () => printed;
}
