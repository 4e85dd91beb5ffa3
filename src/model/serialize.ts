/**
 * Writing a design as YAML or JSON with a stable key order: the order the schema declares its
 * fields in (which is the order of DESIGN §4), label maps sorted. Empty lists are left out, so
 * parse(serialize(x)) = x and serialize is a pure function of the document.
 */
import { Document, isScalar, isSeq, visit, Scalar } from 'yaml';
import type { z } from 'zod';
import { topologySchema, type Topology } from './schema';
import type { Format } from './parse';

type AnySchema = z.core.$ZodType;
type Def = { type: string; [k: string]: unknown };

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Rebuilds `value` with keys in schema order (recursively); unknown shapes are kept as they are. */
export function canonicalize(schema: AnySchema, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return canonicalize(def.innerType as AnySchema, value);
    case 'pipe':
      return canonicalize(def.in as AnySchema, value);
    case 'array':
      return Array.isArray(value) ? value.map((v) => canonicalize(def.element as AnySchema, v)) : value;
    case 'tuple':
      return Array.isArray(value)
        ? value.map((v, i) => canonicalize((def.items as AnySchema[])[i] as AnySchema, v))
        : value;
    case 'record': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        out[key] = canonicalize(def.valueType as AnySchema, (value as Record<string, unknown>)[key]);
      }
      return out;
    }
    case 'object': {
      if (typeof value !== 'object') return value;
      const shape = def.shape as Record<string, AnySchema>;
      const src = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(shape)) {
        const field = shape[key] as AnySchema;
        const v = src[key];
        if (v === undefined) continue;
        if (Array.isArray(v) && v.length === 0 && defOf(field).type === 'default') continue;
        out[key] = canonicalize(field, v);
      }
      // Objects that keep fields they do not declare (Felix's settings): those after, sorted.
      const catchall = def.catchall as AnySchema | undefined;
      if (catchall && defOf(catchall).type !== 'never') {
        for (const key of Object.keys(src).sort()) {
          if (!(key in shape) && src[key] !== undefined) out[key] = canonicalize(catchall, src[key]);
        }
      }
      return out;
    }
    case 'union': {
      const options = def.options as AnySchema[];
      const match = options.find((o) => (o as unknown as z.ZodType).safeParse(value).success) ?? options[0];
      return match ? canonicalize(match, value) : value;
    }
    default:
      return value;
  }
}

/**
 * Strings a YAML 1.1 reader (kubectl, many tools) might not read back as the same string:
 * digit groups with colons (sexagesimal numbers there, communities here), numbers, booleans
 * such as `on`/`yes`, null-ish words, binary and signed hex numbers (`0b101`, `-0x1f`), dates
 * and timestamps (`2024-01-31`). They are written double-quoted.
 */
const AMBIGUOUS =
  /^([-+]?[0-9][0-9_]*(:[0-9_]+)+(\.[0-9_]*)?|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \t].*)?|0o?[0-7_]+|[yYnN~]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|)$/;

/**
 * Multi-line strings of blanks only (" \n"): yaml writes them as a `|+` block whose lines hold
 * only spaces, which every reader (yaml included) reads back without those spaces.
 */
const BLANK_LINES = /^[ \t\r\n]*\n[ \t\r\n]*$/;

/** Maps of a few scalars read best on one line: `{ name: rack-a, subnet: 10.0.1.0/24 }`. */
const FLOW_MAP_MAX_CHARS = 90;

function scalarText(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  if (isSeq(node) && node.items.every((i) => isScalar(i)))
    return node.items.map((i) => String((i as Scalar).value)).join(', ');
  return undefined;
}

/** YAML with block style for structure, flow style for short lists of scalars and small maps. */
export function toYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && (AMBIGUOUS.test(node.value) || BLANK_LINES.test(node.value)))
        node.type = Scalar.QUOTE_DOUBLE;
    },
    Seq(_key, node) {
      if (node.items.length <= 6 && node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_key, node) {
      let chars = 0;
      for (const pair of node.items) {
        const text = scalarText(pair.value);
        if (text === undefined || (typeof (pair.value as Scalar).value === 'string' && text.includes('\n'))) return;
        chars += String((pair.key as Scalar).value).length + text.length + 4;
      }
      if (node.items.length > 0 && chars <= FLOW_MAP_MAX_CHARS) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

export function serializeDesign(doc: Topology, format: Format = 'yaml'): string {
  const canonical = canonicalize(topologySchema, doc);
  return format === 'json' ? `${JSON.stringify(canonical, null, 2)}\n` : toYaml(canonical);
}
