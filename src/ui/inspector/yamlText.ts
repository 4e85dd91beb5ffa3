/** YAML text of a sub-object for the inspector's text areas, and its parse back. */
import { parse } from 'yaml';
import { err, ok, type Result } from '../../lib/result';
import { canonicalize, toYaml } from '../../model';
import type { z } from 'zod';

export function yamlOf(schema: z.core.$ZodType, value: unknown): string {
  const v = canonicalize(schema, value);
  if (v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0)) return '';
  return toYaml(v);
}

export function parseYamlObject(text: string): Result<Record<string, unknown>, string> {
  if (text.trim() === '') return ok({});
  try {
    const v: unknown = parse(text, { uniqueKeys: true, prettyErrors: true });
    if (v === null || v === undefined) return ok({});
    if (typeof v !== 'object' || Array.isArray(v)) return err('expected a mapping of fields');
    return ok(v as Record<string, unknown>);
  } catch (e) {
    return err(`YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}
