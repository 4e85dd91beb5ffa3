/**
 * The export's zip is reproducible: entries sorted by path, each dated 2026-01-01 00:00:00 in its
 * MS-DOS fields whatever the machine's time zone (src/cli/bin.test.ts runs the built CLI in three
 * time zones), the same files giving the same bytes in any order.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../model';
import { exportFiles, zipBundle } from './bundle';
import { reproducibleZip, ZIP_ENTRY_TIME } from './zip';

function scenario(): Topology {
  const parsed = parseDesign(
    readFileSync(new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
  return parsed.value.doc;
}

interface EntryHeader {
  readonly name: string;
  readonly central: { readonly date: number; readonly time: number };
  readonly local: { readonly date: number; readonly time: number };
}

/** The entries as the central directory lists them, with both copies of their date and time fields, read from the bytes. */
function headers(zip: Uint8Array): EntryHeader[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const out: EntryHeader[] = [];
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    out.push({
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
      central: { time: view.getUint16(at + 12, true), date: view.getUint16(at + 14, true) },
      local: { time: view.getUint16(local + 10, true), date: view.getUint16(local + 12, true) },
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/** An MS-DOS date and time as `YYYY-MM-DD hh:mm:ss`. */
function dosStamp({ date, time }: { date: number; time: number }): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${1980 + (date >> 9)}-${two((date >> 5) & 15)}-${two(date & 31)} ${two(time >> 11)}:${two((time >> 5) & 63)}:${two((time & 31) * 2)}`;
}

describe('the reproducible zip', () => {
  it('dates every entry 2026-01-01 00:00:00 in both headers and lists the entries sorted by path', () => {
    const zip = zipBundle(scenario());
    const entries = headers(zip);
    expect(entries.length).toBe(exportFiles(scenario()).length);
    for (const e of entries) {
      expect(dosStamp(e.central), e.name).toBe('2026-01-01 00:00:00');
      expect(dosStamp(e.local), e.name).toBe('2026-01-01 00:00:00');
    }
    expect(dosStamp({ date: ZIP_ENTRY_TIME.dosDate, time: ZIP_ENTRY_TIME.dosTime })).toBe('2026-01-01 00:00:00');
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    // '-' sorts before '/': the all-in-one manifests, then calico-node/, then calico/.
    expect(names.slice(0, 3)).toEqual([
      'two-racks-ebgp/README.md',
      'two-racks-ebgp/calico-manifests.yaml',
      'two-racks-ebgp/calico-node/node-a1/bird.cfg',
    ]);
  });

  it('gives the same bytes for the same design, and for the same files in any order', () => {
    const doc = scenario();
    const first = zipBundle(doc);
    expect(Buffer.from(zipBundle(structuredClone(doc))).equals(Buffer.from(first))).toBe(true);
    const files = [
      { path: 'd/b.txt', data: strToU8('bee\n') },
      { path: 'd/a/c.txt', data: strToU8('sea\n') },
      { path: 'd/a.txt', data: strToU8('ay\n') },
    ];
    const forward = reproducibleZip(files);
    expect(Buffer.from(reproducibleZip([...files].reverse())).equals(Buffer.from(forward))).toBe(true);
    expect(headers(forward).map((e) => e.name)).toEqual(['d/a.txt', 'd/a/c.txt', 'd/b.txt']);
    expect(Object.fromEntries(Object.entries(unzipSync(forward)).map(([k, v]) => [k, strFromU8(v)]))).toEqual({
      'd/a.txt': 'ay\n',
      'd/a/c.txt': 'sea\n',
      'd/b.txt': 'bee\n',
    });
  });

  it('refuses two entries at one path instead of keeping the last', () => {
    expect(() =>
      reproducibleZip([
        { path: 'd/x', data: strToU8('1') },
        { path: 'd/x', data: strToU8('2') },
      ]),
    ).toThrow('liveroute invariant violated: two zip entries at d/x');
  });
});
