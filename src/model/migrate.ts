/**
 * Versioned loading. A document declares its `apiVersion`; migrations lift older versions one
 * step at a time to the current one before validation. liveroute/v1 is current, so the chain is
 * empty today; a v2 adds `{ from: 'liveroute/v1', to: 'liveroute/v2', up }` here.
 */
import { type Result, ok, err } from '../lib/result';
import { issue, type Issue } from './issues';
import { API_VERSION } from './schema';

export type RawDocument = Record<string, unknown>;

export interface SchemaMigration {
  readonly from: string;
  readonly to: string;
  /** Pure: returns the document in the `to` version (without mutating its input). */
  readonly up: (doc: RawDocument) => RawDocument;
}

export const MIGRATIONS: readonly SchemaMigration[] = [];

export interface Migrated {
  readonly doc: RawDocument;
  /** The versions the document went through, oldest first (empty when it was current). */
  readonly applied: readonly string[];
}

export function migrateToCurrent(
  doc: RawDocument,
  migrations: readonly SchemaMigration[] = MIGRATIONS,
  current: string = API_VERSION,
): Result<Migrated, Issue[]> {
  const applied: string[] = [];
  const declared = doc.apiVersion;
  let value = doc;
  const known = [current, ...migrations.map((m) => m.from)];
  if (typeof declared !== 'string') {
    return err([
      issue(
        ['apiVersion'],
        declared === undefined
          ? `is required (this version reads ${known.join(', ')})`
          : `expected a string such as ${current}`,
      ),
    ]);
  }
  let version: string = declared;
  while (version !== current) {
    const step = migrations.find((m) => m.from === version);
    if (!step) return err([issue(['apiVersion'], foreignMessage(version, known))]);
    if (applied.length > migrations.length)
      return err([issue(['apiVersion'], `migration chain from ${version} does not reach ${current}`)]);
    applied.push(version);
    value = step.up(value);
    if (value.apiVersion !== step.to)
      throw new Error(`migration ${step.from} → ${step.to} produced apiVersion ${String(value.apiVersion)}`);
    version = step.to;
  }
  return ok({ doc: value, applied });
}

function foreignMessage(version: string, known: readonly string[]): string {
  if (version.startsWith('projectcalico.org/') || version.startsWith('crd.projectcalico.org/')) {
    return `${version} is a Calico resource, not a liveroute design: put BGPPeer and BGPFilter objects under spec.calicoResources, or use the Calico import`;
  }
  if (version.startsWith('liveroute/'))
    return `${version} is not supported by this version of liveroute (it reads ${known.join(', ')})`;
  return `${version} is not a liveroute design (expected apiVersion ${known.join(' or ')})`;
}
