/**
 * A cluster imported and exported again gives back every spec field it had (issue: "Import →
 * export silently drops cluster settings"): the real output formats of calicoctl and kubectl
 * (fixtures/), through the same import the app and `liveroute import` use, out through the
 * export's manifests, object by object and field by field.
 */
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emptyDesign, formatIssue, type Topology } from '../model';
import { formatImportProblems, importCalicoFiles } from './importFiles';
import { designManifestFiles } from './manifests';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const COMPARED = ['BGPConfiguration', 'FelixConfiguration', 'IPPool', 'BGPFilter', 'BGPPeer'];

interface CalicoObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec?: Record<string, unknown>;
}

/** The objects of a dump as the tool printed them (Lists unwrapped), read with nothing of liveroute's. */
function objectsOf(text: string): CalicoObject[] {
  const flatten = (v: unknown): CalicoObject[] => {
    if (Array.isArray(v)) return v.flatMap(flatten);
    const o = v as CalicoObject & { items?: unknown[] };
    if (o.kind === 'List' || o.kind.endsWith('List'))
      return (o.items ?? []).flatMap((i) => flatten({ kind: o.kind.slice(0, -4), ...(i as object) }));
    return [o];
  };
  return flatten(parse(text));
}

function imported(text: string, name: string): { doc: Topology; report: readonly string[] } {
  const r = importCalicoFiles(emptyDesign('imported'), [{ name, text }]);
  if (!r.ok) throw new Error(formatImportProblems(r.error).join('\n'));
  return r.value;
}

function exported(doc: Topology): CalicoObject[] {
  return designManifestFiles(doc)
    .filter((f) => f.kind !== undefined)
    .flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS() as CalicoObject));
}

/** Calico's own defaults: a field the export states that the cluster left unset must hold exactly this. */
const CALICO_DEFAULTS: Record<string, Record<string, unknown>> = {
  BGPConfiguration: { ipv4NormalRoutePriority: 1024 },
  FelixConfiguration: {
    ipv4NormalRoutePriority: 1024,
    ipv4ElevatedRoutePriority: 512,
    liveMigrationRouteConvergenceTime: '30s',
  },
  IPPool: { disableBGPExport: false, ipipMode: 'Never', vxlanMode: 'Never', natOutgoing: false },
};

describe.each([
  ['cluster-dump.calicoctl.yaml', 'calicoctl get -f kinds.yaml -o yaml (a sequence of <Kind>Lists)'],
  ['cluster-dump.kubectl.yaml', 'kubectl get … -o yaml (a List of crd.projectcalico.org/v1 objects)'],
])('%s: %s', (file) => {
  const text = fixture(file);
  const { doc, report } = imported(text, file);
  const out = exported(doc);
  const inputs = objectsOf(text).filter((o) => COMPARED.includes(o.kind));
  const v6 = (o: CalicoObject) => o.kind === 'IPPool' && String(o.spec?.cidr).includes(':');

  it('gives back every spec field of every object unchanged', () => {
    expect(inputs.length).toBeGreaterThan(2);
    for (const input of inputs.filter((o) => !v6(o))) {
      const back = out.find((o) => o.kind === input.kind && o.metadata.name === input.metadata.name);
      expect(back, `${input.kind} ${input.metadata.name} is exported`).toBeDefined();
      expect(back?.apiVersion).toBe('projectcalico.org/v3');
      // Every field the cluster had, with its value…
      for (const [field, value] of Object.entries(input.spec ?? {}))
        expect(back?.spec?.[field], `${input.kind} ${input.metadata.name} spec.${field}`).toEqual(value);
      // …and a field the cluster left unset only at Calico's default for it.
      for (const [field, value] of Object.entries(back?.spec ?? {})) {
        if (input.spec?.[field] === undefined)
          expect(value, `${input.kind} ${input.metadata.name} spec.${field} added`).toEqual(
            CALICO_DEFAULTS[input.kind]?.[field],
          );
      }
    }
  });

  it('names what it leaves out, and why', () => {
    for (const pool of inputs.filter(v6)) {
      expect(report).toContain(
        `IPPool ${pool.metadata.name} (${String(pool.spec?.cidr)}) not imported: liveroute designs are IPv4 only, so it is not in the export either (the cluster keeps it: applying the export does not delete it)`,
      );
    }
    expect(doc.spec.nodes.length).toBeGreaterThan(0);
  });

  it('round-trips through the design file unchanged (the kept fields are part of the document)', async () => {
    const { parseDesign, serializeDesign } = await import('../model');
    const again = parseDesign(serializeDesign(doc));
    if (!again.ok) throw new Error(again.error.map(formatIssue).join('\n'));
    expect(exported(again.value.doc)).toEqual(out);
  });
});

describe('the calicoctl dump in detail', () => {
  const { doc, report } = imported(fixture('cluster-dump.calicoctl.yaml'), 'dump.yaml');

  it('keeps the settings liveroute does not model in the design, typed where confd reads them', () => {
    expect(doc.spec.cluster?.bgpConfiguration).toEqual({
      listenPort: 179,
      logSeverityScreen: 'Info',
      serviceClusterIPs: [{ cidr: '10.96.0.0/12' }],
    });
    expect(doc.spec.cluster?.felixConfiguration).toEqual({
      bpfConnectTimeLoadBalancing: 'TCP',
      bpfHostNetworkedNATWithoutCTLB: 'Enabled',
      floatingIPs: 'Disabled',
      healthPort: 9099,
      logSeverityScreen: 'Info',
      reportingInterval: '0s',
      vxlanVNI: 4096,
    });
    expect(doc.spec.cluster?.ipPools).toEqual([
      {
        name: 'default-ipv4-ippool',
        allowedUses: ['Workload', 'Tunnel'],
        assignmentMode: 'Automatic',
        blockSize: 26,
        cidr: '10.244.0.0/16',
        ipipMode: 'Never',
        natOutgoing: true,
        nodeSelector: 'all()',
        vxlanMode: 'Never',
      },
    ]);
    expect(doc.spec.cluster?.liveMigrationRouteConvergenceTime).toBe('45s');
    expect(report).toContain(
      'BGPConfiguration default: cluster AS, mesh and normal priority; 3 other spec fields kept as they are (listenPort, logSeverityScreen, serviceClusterIPs)',
    );
  });

  it('reads nodes into their racks by label, with their blocks', () => {
    expect(doc.spec.nodes.map((n) => [n.name, n.rack, n.address, n.asNumber, n.blocks])).toEqual([
      ['worker-1', 'rack-1', '172.16.1.11', 65101, ['10.244.1.0/26']],
      ['worker-2', 'rack-2', '172.16.2.11', 65201, ['10.244.2.0/26']],
    ]);
  });

  it('writes the cluster objects for reference and a settings script that patches only what the design sets; only filters and peers are to apply', () => {
    const files = designManifestFiles(doc);
    expect(files.filter((f) => f.use === 'apply').map((f) => f.path)).toEqual([
      'calico/bgpfilters.yaml',
      'calico/bgppeers.yaml',
    ]);
    expect(files.filter((f) => f.use === 'reference').map((f) => f.path)).toEqual([
      'calico/reference/bgpconfiguration.yaml',
      'calico/reference/felixconfiguration.yaml',
      'calico/reference/ippools.yaml',
      'calico/reference/nodes.yaml',
    ]);
    const script = files.find((f) => f.use === 'script')?.text ?? '';
    expect(script).toContain(
      `calicoctl patch ippool 'default-ipv4-ippool' --patch '{"spec":{"ipipMode":"Never","vxlanMode":"Never","natOutgoing":true,"nodeSelector":"all()","allowedUses":["Workload","Tunnel"],"assignmentMode":"Automatic"}}'`,
    );
    expect(script).toContain(`calicoctl patch node 'worker-1' --patch '{"spec":{"bgp":{"asNumber":65101}}}'`);
    expect(script).toContain(`kubectl label node 'worker-1' 'rack=rack-1' --overwrite`);
  });
});
