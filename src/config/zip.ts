/**
 * A reproducible zip: the same files give the same bytes on every machine, in every time zone.
 * Entries are sorted by path and every entry carries one fixed modification time. fflate writes
 * the zip's MS-DOS date and time fields from the *local* time of the `mtime` it is given, so the
 * same instant gives different bytes in Berlin and in Los Angeles: the fields are written here
 * afterwards, from constants.
 */
import { zipSync } from 'fflate';
import { assert } from '../lib/assert';
import { compareStrings } from '../lib/names';

/** The fixed entry time, 2026-01-01 00:00:00, as the MS-DOS date and time fields hold it. */
export const ZIP_ENTRY_TIME = {
  year: 2026,
  month: 1,
  day: 1,
  dosDate: ((2026 - 1980) << 9) | (1 << 5) | 1,
  dosTime: 0,
} as const;

/** Any instant fflate accepts in every time zone (its years are 1980 to 2099 local); overwritten below. */
const PLACEHOLDER_MTIME = Date.UTC(2000, 5, 1);

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

export interface ZipEntry {
  readonly path: string;
  readonly data: Uint8Array;
}

/** The files as one zip, sorted by path, every entry dated ZIP_ENTRY_TIME. Paths must be unique and contain a '/'. */
export function reproducibleZip(files: readonly ZipEntry[]): Uint8Array {
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  const entries: Record<string, [Uint8Array, { mtime: number }]> = {};
  for (const f of sorted) {
    assert(!(f.path in entries), `two zip entries at ${f.path}`);
    // A key like "12" would be an array index, which JavaScript enumerates first: fflate would then not write the entries in our order.
    assert(f.path.includes('/'), `zip entry ${f.path} is not in a folder`);
    entries[f.path] = [f.data, { mtime: PLACEHOLDER_MTIME }];
  }
  const zip = zipSync(entries, { level: 6 });
  fixEntryTimes(zip);
  return zip;
}

/** Writes ZIP_ENTRY_TIME into every entry's local header and central directory record. */
function fixEntryTimes(zip: Uint8Array): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22; // fflate writes no archive comment
  assert(end >= 0 && view.getUint32(end, true) === END_OF_CENTRAL_DIRECTORY, 'zip without its end record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    assert(view.getUint32(at, true) === CENTRAL_HEADER, `zip central record ${i} not where expected`);
    view.setUint16(at + 12, ZIP_ENTRY_TIME.dosTime, true);
    view.setUint16(at + 14, ZIP_ENTRY_TIME.dosDate, true);
    const local = view.getUint32(at + 42, true);
    assert(view.getUint32(local, true) === LOCAL_HEADER, `zip local header ${i} not where expected`);
    view.setUint16(local + 10, ZIP_ENTRY_TIME.dosTime, true);
    view.setUint16(local + 12, ZIP_ENTRY_TIME.dosDate, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}
