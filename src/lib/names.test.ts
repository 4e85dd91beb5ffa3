// src/lib may import no package (tools/layers.js); the test runner is the exception.
import { describe, expect, it } from 'vitest';
import { compareStrings, DNS_LABEL_MAX, isDnsLabel, sortedStrings, uniqueName } from './names';
import { err, ok } from './result';
import { assert, exhaustive } from './assert';

describe('isDnsLabel', () => {
  it.each(['a', 'rack-a', 'node-a1', '0', '1e5', 'a'.repeat(63), 'a-b-c-9'])('accepts %j', (name) => {
    expect(isDnsLabel(name)).toBe(true);
  });

  it.each(['', 'A', 'Rack-a', '-a', 'a-', 'a_b', 'a.b', 'a b', 'é', 'a'.repeat(64)])('refuses %j', (name) => {
    expect(isDnsLabel(name)).toBe(false);
  });

  it('limits labels to 63 characters', () => {
    expect(DNS_LABEL_MAX).toBe(63);
  });
});

describe('uniqueName', () => {
  it('returns the base when it is free', () => {
    expect(uniqueName('spine-1', new Set())).toBe('spine-1');
  });

  it('counts up from 2 on the stem without a numeric suffix', () => {
    expect(uniqueName('spine-1', new Set(['spine-1']))).toBe('spine-2');
    expect(uniqueName('spine-1', new Set(['spine-1', 'spine-2', 'spine-3']))).toBe('spine-4');
    expect(uniqueName('node-a1', new Set(['node-a1']))).toBe('node-a1-2');
    expect(uniqueName('vm', new Set(['vm', 'vm-2']))).toBe('vm-3');
  });

  it('keeps the result a DNS label when the base is 63 characters long', () => {
    const base = 'a'.repeat(63);
    const name = uniqueName(base, new Set([base]));
    expect(name).toBe(`${'a'.repeat(61)}-2`);
    expect(isDnsLabel(name)).toBe(true);
  });
});

describe('sortedStrings / compareStrings', () => {
  it('sorts by code unit, independent of locale', () => {
    expect(sortedStrings(['b', 'B', 'a', 'Z', 'a-2', 'a-10'])).toEqual(['B', 'Z', 'a', 'a-10', 'a-2', 'b']);
    expect(compareStrings('a', 'a')).toBe(0);
    expect(compareStrings('a', 'b')).toBe(-1);
    expect(compareStrings('b', 'a')).toBe(1);
  });

  it('does not reorder its input', () => {
    const input = ['c', 'a', 'b'];
    expect(sortedStrings(input)).toEqual(['a', 'b', 'c']);
    expect(input).toEqual(['c', 'a', 'b']);
  });
});

describe('result and assert', () => {
  it('builds ok and err results', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('no')).toEqual({ ok: false, error: 'no' });
  });

  it('assert throws with the invariant message', () => {
    expect(() => assert(false, 'x must be set')).toThrow('liveroute invariant violated: x must be set');
    expect(() => assert(1, 'fine')).not.toThrow();
  });

  it('exhaustive names the unhandled value', () => {
    expect(() => exhaustive('odd' as never, 'router role')).toThrow('unhandled router role: "odd"');
  });
});
