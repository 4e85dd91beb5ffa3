/**
 * fast-check arbitraries of the values a valid design holds (names, text, numbers, labels), for
 * property tests (test-arbitrary.ts builds designs from them): what is hard for YAML and values
 * at the edges of their ranges, each within what its field accepts.
 */
import fc from 'fast-check';
import type { Platform } from './schema';

export const TRICKY_NAMES = [
  '0',
  '123',
  '1e5',
  '1e-5',
  '0b1',
  '0x1f',
  '017',
  '0o17',
  '2001-12-14',
  'y',
  'n',
  'no',
  'on',
  'off',
  'yes',
  'true',
  'null',
  'nan',
  'inf',
];
/** DNS-1123 labels at their maximum length, 63 characters. */
export const longLabelArb = fc.stringMatching(/^[a-z0-9][-a-z0-9]{61}[a-z0-9]$/);
export const dnsLabelArb = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY_NAMES), weight: 2 },
  { arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,12}[a-z0-9])?$/), weight: 2 },
  { arbitrary: longLabelArb, weight: 1 },
);
/** Kubernetes object names (DNS-1123 subdomains): labels, dotted names, and names of the maximum 253 characters. */
export const k8sNameArb = fc.oneof(
  { arbitrary: dnsLabelArb, weight: 3 },
  {
    arbitrary: fc
      .array(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/), { minLength: 2, maxLength: 4 })
      .map((parts) => parts.join('.')),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(longLabelArb, longLabelArb, longLabelArb, fc.stringMatching(/^[a-z0-9][-a-z0-9]{59}[a-z0-9]$/))
      .map((parts) => parts.join('.')),
    weight: 1,
  },
);

export const CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  ' ',
  '\n',
  '\t',
  '\r',
  ':',
  '#',
  '-',
  '?',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '\\',
  '/',
  '.',
  '~',
  'é',
  '😀',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u2028',
  '\ufeff',
];
export const TRICKY_TEXT = [
  'yes',
  'null',
  '~',
  '',
  ' ',
  ' \n',
  '  \n\n',
  '1:30',
  '0b1',
  '-0x1f',
  '2024-01-31',
  '65000:100',
  '- x',
  '# c',
  '.inf',
  'a: b',
  '"q"',
  '\n',
  'x\n  y\n',
];
/** Free text (annotations): at most 60 UTF-16 units. */
export const textArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom(...TRICKY_TEXT),
);
/** The characters a single-line field refuses (src/lib/text.ts), and those markdown refuses too. */
export const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
export const NOT_MARKDOWN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
/** A title: one line of text, and titles of the maximum 200 characters. */
export const titleArb = fc.oneof(
  { arbitrary: textArb.map((t) => t.replace(NOT_ONE_LINE, ' ')), weight: 4 },
  {
    arbitrary: fc
      .string({ unit: fc.constantFrom('a', ' ', 'é', '#', '[', '`', '<', '|', '日'), minLength: 198, maxLength: 198 })
      .map((t) => `${t}😀`),
    weight: 1,
  },
);
/** A description (markdown): line breaks and tabs, no other control character. */
export const descriptionArb = textArb.map((t) => t.replace(NOT_MARKDOWN, ' '));

export const asnArb = fc.oneof(
  fc.integer({ min: 1, max: 4294967295 }),
  fc.constantFrom(64512, 65000, 65001, 4200000000),
  fc.constantFrom(1, 23456, 65535, 65536, 4294967295),
);
export const asn0Arb = fc.integer({ min: 0, max: 4294967295 });
export const priorityArb = fc.integer({ min: 1, max: 2147483646 });
export const durationArb = fc.constantFrom('30s', '1m30s', '500ms', '1.5h', '10µs', '0s', '2h45m0.5s');
/** FelixConfiguration durations: the CRD allows ms, s, m and h only. */
export const felixDurationArb = fc.constantFrom('30s', '1m30s', '500ms', '1.5h', '0s', '2h45m0.5s');
export const communityArb = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })).map(([a, b]) => `${a}:${b}`),
  fc.tuple(asn0Arb, asn0Arb, asn0Arb).map(([a, b, c]) => `${a}:${b}:${c}`),
  // The edges of both ranges: 16-bit parts for standard communities, 32-bit parts for large ones.
  fc.constantFrom('0:0', '65535:65535', '65535:0', '0:0:0', '4294967295:4294967295:4294967295', '4294967295:0:1'),
);
export const platformArb = fc.constantFrom<Platform>('bird1', 'bird2', 'frr', 'eos', 'nxos', 'junos');
export const labelKeyArb = fc.oneof(
  fc.constantFrom('zone', 'example.com/zone', 'topology.kubernetes.io/region', 'a_b.c-D9', '0b1'),
  fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/).filter((k) => k !== 'rack'),
);
export const labelValueArb = fc.constantFrom(
  '',
  'z1',
  'true',
  'yes',
  '2024-01-31',
  '0b1',
  '017',
  'A1_b.c-D',
  'worker-gpu',
);
/** Annotation keys are qualified names like label keys (the API server refuses others); the values are free text. */
export const annotationKeyArb = fc.oneof(
  labelKeyArb,
  fc.constantFrom('kubectl.kubernetes.io/last-applied-configuration', 'yes', 'null', '2024-01-31', '1e5'),
);
export const labelsArb = fc.dictionary(labelKeyArb, labelValueArb, { maxKeys: 3, noNullPrototype: true });
export const coordArb = fc
  .oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((x) => (x === 0 ? 0 : x));
