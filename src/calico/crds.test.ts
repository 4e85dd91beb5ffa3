/**
 * Every Calico manifest liveroute writes validates against Calico's own CRD schemas
 * (third_party/calico/crds, copied from Calico), for the built-in designs and 100 random ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../model';
import { designArb } from '../model/test-arbitrary';
import { designManifestFiles } from './manifests';

const CRD_DIR = fileURLToPath(new URL('../../third_party/calico/crds', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url));

function loadValidators(): Map<string, (o: unknown) => string[]> {
  // Kubernetes checks types and structure; formats on integers are not range checks there.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    // The CRDs carry Go regular expressions; `(?i)` becomes JavaScript's i flag.
    code: {
      regExp: Object.assign(
        (pattern: string, flags: string) =>
          pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags),
        { code: 'new RegExp' },
      ),
    },
  });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('date-time', true);
  ajv.addFormat('cidr', (s: string) => /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(s));
  const validators = new Map<string, (o: unknown) => string[]>();
  for (const file of readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml'))) {
    const crd = parse(readFileSync(`${CRD_DIR}/${file}`, 'utf8')) as {
      spec: { names: { kind: string }; versions: { schema: { openAPIV3Schema: object } }[] };
    };
    const validate = ajv.compile(crd.spec.versions[0]?.schema.openAPIV3Schema ?? {});
    validators.set(crd.spec.names.kind, (o) =>
      validate(o) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`),
    );
  }
  return validators;
}

function problems(validators: Map<string, (o: unknown) => string[]>, doc: Topology): string[] {
  const out: string[] = [];
  for (const file of designManifestFiles(doc).filter((f) => f.kind !== undefined)) {
    for (const d of parseAllDocuments(file.text)) {
      const object = (Array.isArray(d) ? undefined : d.toJS()) as { kind: string; metadata: { name: string } };
      const validate = validators.get(object.kind);
      // Node is Calico's own API-server resource; the CRD folder has no schema for it (it is checked by liveroute's Node schema).
      if (!validate && object.kind === 'Node') continue;
      if (!validate) out.push(`${file.path}: no CRD for kind ${object.kind}`);
      else out.push(...validate(object).map((m) => `${file.path} ${object.kind}/${object.metadata.name}: ${m}`));
    }
  }
  return out;
}

describe("Calico manifests against Calico's CRD schemas", () => {
  const validators = loadValidators();

  it('knows every kind it writes', () => {
    expect([...validators.keys()].sort()).toEqual(
      expect.arrayContaining(['BGPConfiguration', 'BGPFilter', 'BGPPeer', 'FelixConfiguration', 'IPPool']),
    );
  });

  it('validates the manifests of every built-in design', () => {
    let count = 0;
    for (const f of readdirSync(SCENARIOS).filter((x) => x.endsWith('.liveroute.yaml'))) {
      const parsed = parseDesign(readFileSync(`${SCENARIOS}/${f}`, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
      expect(problems(validators, parsed.value.doc)).toEqual([]);
      count++;
    }
    expect(count).toBeGreaterThan(0);
  });

  it('validates the manifests of 100 random designs', () => {
    fc.assert(
      fc.property(designArb, (doc) => {
        expect(problems(validators, doc)).toEqual([]);
      }),
      { seed: 20261121, numRuns: 100 },
    );
  });

  it('is able to fail: a wrong type is reported', () => {
    const validate = validators.get('BGPPeer') as (o: unknown) => string[];
    expect(
      validate({
        apiVersion: 'projectcalico.org/v3',
        kind: 'BGPPeer',
        metadata: { name: 'x' },
        spec: { asNumber: 'many' },
      }),
    ).toEqual(['/spec/asNumber must be integer']);
  });
});
