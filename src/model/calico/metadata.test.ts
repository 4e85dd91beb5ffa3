/**
 * Labels and annotations of the Calico objects a design embeds, validated as the Kubernetes API
 * server does (issue 15, finding 5): keys are qualified names (an optional DNS-subdomain prefix
 * of at most 253 characters and '/', then a name of at most 63 of [A-Za-z0-9._-] starting and
 * ending alphanumeric), label values are empty or such a name, annotation values are free text but
 * all annotations together stay within 256 KiB.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf } from '../test-support';
import { objectMeta } from './metadata';

const peerWith = (metadata: string) =>
  `apiVersion: liveroute/v1
kind: Topology
metadata: { name: m }
spec:
  calicoResources:
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: ${metadata}
      spec: { peerIP: 10.0.0.1, asNumber: 65000 }
`;

const problems = (value: unknown) => {
  const r = objectMeta.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('annotation keys', () => {
  it('refuses the key of finding 5, which would have been exported verbatim', () => {
    expect(errorsOf(peerWith('{ name: p, annotations: { "x # not a key\\n}": v } }'))).toEqual([
      `spec.calicoResources[0].metadata.annotations["x # not a key\\n}"] (line 8): "x # not a key\\n}" is not a valid annotation key: an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    ]);
  });

  it.each([
    ['note', true],
    ['kubectl.kubernetes.io/last-applied-configuration', true],
    ['a.b-c_d.E9', true],
    [`${'a'.repeat(253)}/${'n'.repeat(63)}`, true],
    ['', false],
    ['-note', false],
    ['note.', false],
    ['has space', false],
    ['/name', false],
    ['prefix/', false],
    ['a/b/c', false],
    ['UPPER.example.com/x', false],
    [`${'a'.repeat(254)}/x`, false],
    ['n'.repeat(64), false],
    ['tab\there', false],
  ])('key %j valid: %s', (key, valid) => {
    expect(problems({ name: 'p', annotations: { [key]: 'v' } }).length === 0).toBe(valid);
  });

  it('takes any text as a value, line breaks included, up to 256 KiB for all annotations together', () => {
    expect(problems({ name: 'p', annotations: { note: 'two\nlines: "and # more"' } })).toEqual([]);
    expect(problems({ name: 'p', annotations: { a: 'x'.repeat(128 * 1024), b: 'y'.repeat(128 * 1024 - 2) } })).toEqual(
      [],
    );
    expect(problems({ name: 'p', annotations: { a: 'x'.repeat(128 * 1024), b: 'y'.repeat(128 * 1024 - 1) } })).toEqual([
      'annotations: annotations take 262145 bytes: at most 262144 (256 KiB), keys and values together',
    ]);
    // Bytes as the API server counts them: é is two bytes in UTF-8.
    expect(problems({ name: 'p', annotations: { a: 'é'.repeat(131_072) } })).toEqual([
      'annotations: annotations take 262145 bytes: at most 262144 (256 KiB), keys and values together',
    ]);
  });
});

describe('labels', () => {
  it('refuses keys and values the API server refuses', () => {
    expect(problems({ name: 'p', labels: { 'x # not a key': 'v' } })).toEqual([
      'labels.x # not a key: "x # not a key" is not a valid label key',
    ]);
    expect(problems({ name: 'p', labels: { team: 'a\nb' } })).toEqual([
      'labels.team: "a\\nb" is not a valid label value',
    ]);
    expect(problems({ name: 'p', labels: { team: 'v'.repeat(64) } })).toEqual([
      `labels.team: "${'v'.repeat(64)}" is not a valid label value`,
    ]);
    expect(problems({ name: 'p', labels: { 'example.com/team': '', zone: 'z_1.a-b' } })).toEqual([]);
  });
});
