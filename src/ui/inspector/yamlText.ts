/** YAML text of a sub-object for the inspector's text areas, and its parse back. */
import { err, ok, type Result } from '../../lib/result';
import { canonicalize, DESIGN_YAML_LIMITS, readYaml, toYaml } from '../../model';
import type { z } from 'zod';

export function yamlOf(schema: z.core.$ZodType, value: unknown): string {
  const v = canonicalize(schema, value);
  if (v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0)) return '';
  return toYaml(v);
}

export function parseYamlObject(text: string): Result<Record<string, unknown>, string> {
  if (text.trim() === '') return ok({});
  const read = readYaml(text, DESIGN_YAML_LIMITS);
  if (!read.ok) {
    const first = read.error[0];
    return err(
      `YAML${first?.line !== undefined ? ` (line ${first.line})` : ''}: ${first?.message ?? 'cannot be read'}`,
    );
  }
  if (read.value.documents.length > 1) return err('expected one mapping of fields, not several documents');
  const v = read.value.documents[0]?.value;
  if (v === null || v === undefined) return ok({});
  if (typeof v !== 'object' || Array.isArray(v)) return err('expected a mapping of fields');
  return ok(v as Record<string, unknown>);
}
