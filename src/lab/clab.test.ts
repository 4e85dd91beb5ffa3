/**
 * The containerlab export against containerlab's topology format (name; topology.nodes with
 * kind, image, binds, exec; topology.links with endpoints "node:interface"), written here as a
 * JSON schema of the fields liveroute uses, plus what a schema cannot say: every endpoint names
 * a node, no interface is used twice, every bind's source is a file or folder of the export, every
 * setup script holds its speaker's addresses and routes. Running it for real (as namespaces, with
 * BIRD): src/verify/clab.test.ts.
 */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportFiles } from '../config/bundle';
import { resolveMigration } from '../engine/simulate';
import { formatIssue, parseDesign, type Topology } from '../model';
import { clabFiles, clabUnsupported, DEFAULT_CLAB_IMAGES } from './clab';

const design = (path: string): Topology => {
  const r = parseDesign(readFileSync(new URL(path, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value.doc;
};

const CLAB_SCHEMA = {
  type: 'object',
  required: ['name', 'topology'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
    topology: {
      type: 'object',
      required: ['nodes'],
      additionalProperties: false,
      properties: {
        nodes: {
          type: 'object',
          minProperties: 1,
          additionalProperties: {
            type: 'object',
            required: ['kind', 'image'],
            additionalProperties: false,
            properties: {
              kind: { enum: ['linux'] },
              image: { type: 'string', minLength: 1 },
              labels: { type: 'object', additionalProperties: { type: 'string' } },
              'network-mode': { type: 'string' },
              cmd: { type: 'string' },
              binds: { type: 'array', items: { type: 'string', pattern: '^[^:]+:/[^:]+(:(ro|rw))?$' } },
              exec: { type: 'array', items: { type: 'string', minLength: 1 } },
              sysctls: { type: 'object', additionalProperties: { type: 'number' } },
            },
          },
        },
        links: {
          type: 'array',
          items: {
            type: 'object',
            required: ['endpoints'],
            additionalProperties: false,
            properties: {
              endpoints: {
                type: 'array',
                minItems: 2,
                maxItems: 2,
                items: { type: 'string', pattern: '^[A-Za-z0-9_.-]+:[A-Za-z0-9_./-]+$' },
              },
            },
          },
        },
      },
    },
  },
} as const;

interface Clab {
  name: string;
  topology: {
    nodes: Record<string, { image: string; binds?: string[]; exec?: string[] }>;
    links: { endpoints: [string, string] }[];
  };
}

function exported(doc: Topology) {
  const clab = clabFiles(doc, resolveMigration(doc));
  const all = [...exportFiles(doc), ...clab];
  const topo = parse((clab[0] as { text: string }).text) as Clab;
  return { clab, all, topo };
}

describe('the containerlab export', () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(CLAB_SCHEMA);

  for (const file of [
    '../scenarios/two-racks-ebgp.liveroute.yaml',
    '../verify/designs/tor-pair-ecmp.liveroute.yaml',
    '../verify/designs/calico-rr-nodes.liveroute.yaml',
  ]) {
    it(`${file.split('/').pop()}: valid topology, endpoints on nodes, interfaces used once, binds in the export`, () => {
      const doc = design(file);
      const { all, topo } = exported(doc);
      expect(validate(topo), JSON.stringify(validate.errors)).toBe(true);
      expect(topo.name).toBe(doc.metadata.name);
      const nodes = new Set(Object.keys(topo.topology.nodes));
      for (const n of [...doc.spec.nodes, ...doc.spec.routers]) expect(nodes.has(n.name)).toBe(true);
      const endpoints = topo.topology.links.flatMap((l) => l.endpoints);
      expect(endpoints.filter((e) => !nodes.has(e.split(':')[0] as string))).toEqual([]);
      expect(new Set(endpoints).size).toBe(endpoints.length);
      const paths = all.map((f) => f.path);
      const sources = Object.values(topo.topology.nodes).flatMap((n) =>
        (n.binds ?? []).map((b) => b.split(':')[0] as string),
      );
      expect(sources.filter((s) => !paths.some((p) => p === s || p.startsWith(`${s}/`)))).toEqual([]);
      // One link per rack member and per design link.
      expect(topo.topology.links).toHaveLength(
        doc.spec.nodes.length + doc.spec.routers.filter((r) => r.role === 'tor').length + doc.spec.links.length,
      );
    });
  }

  it('containers: the images, the configs bound where BIRD and confd keep them, the setup script run once', () => {
    const { topo } = exported(design('../scenarios/two-racks-ebgp.liveroute.yaml'));
    expect(topo.topology.nodes['node-a1']).toEqual({
      kind: 'linux',
      image: DEFAULT_CLAB_IMAGES.bird1,
      labels: { 'liveroute.name': 'node-a1', 'liveroute.kind': 'node' },
      'network-mode': 'none',
      cmd: 'sleep infinity',
      binds: ['calico-node/node-a1:/etc/calico/confd/config:ro', 'containerlab/node-a1.sh:/etc/liveroute/setup.sh:ro'],
      exec: ['sh /etc/liveroute/setup.sh'],
      sysctls: { 'net.ipv4.ip_forward': 1, 'net.ipv4.conf.all.rp_filter': 0, 'net.ipv4.conf.default.rp_filter': 0 },
    });
    expect(topo.topology.nodes['tor-a']?.binds).toEqual([
      'routers/tor-a.bird.conf:/etc/liveroute/bird.cfg:ro',
      'containerlab/tor-a.sh:/etc/liveroute/setup.sh:ro',
    ]);
    expect(topo.topology.links.slice(0, 3).map((l) => l.endpoints.join(' ~ '))).toEqual([
      'node-a1:eth1 ~ rack-a-segment:eth1',
      'node-a2:eth1 ~ rack-a-segment:eth2',
      'tor-a:eth1 ~ rack-a-segment:eth3',
    ]);
    expect(topo.topology.links.slice(6).map((l) => l.endpoints.join(' ~ '))).toEqual([
      'tor-a:eth2 ~ spine-1:eth1',
      'tor-b:eth2 ~ spine-1:eth2',
      'spine-1:eth3 ~ border-1:eth1',
    ]);
  });

  it("a node's setup script: address, underlay, the VM's interface and Felix's route, then BIRD on confd's config", () => {
    const { clab } = exported(design('../scenarios/two-racks-ebgp.liveroute.yaml'));
    expect(clab.find((f) => f.path === 'containerlab/node-a1.sh')?.text).toBe(
      [
        '#!/bin/sh',
        '# node-a1: Calico node 10.0.1.11, generated by liveroute; run once by clab deploy.',
        'set -e',
        'ip link set lo up',
        'ip addr add 10.0.1.11/24 dev eth1',
        'ip link set eth1 up',
        '# The underlay: the shortest paths to every speaker, as an IGP would give them.',
        'ip route replace 10.0.0.10/32 via 10.0.1.1 dev eth1 proto static',
        'ip route replace 10.0.2.11/32 via 10.0.1.1 dev eth1 proto static',
        'ip route replace 10.0.2.12/32 via 10.0.1.1 dev eth1 proto static',
        'ip route replace 10.0.0.1/32 via 10.0.1.1 dev eth1 proto static',
        'ip route replace 10.0.2.1/32 via 10.0.1.1 dev eth1 proto static',
        "# vm-1's workload interface (the pod end of a veth pair).",
        'ip link add cali3db72406 type veth peer name vm0',
        'ip link set vm0 up',
        'ip link set cali3db72406 up',
        "# Felix's route for the VM (phase base).",
        'ip route replace 10.244.1.5/32 dev cali3db72406 metric 1024 proto boot',
        '# calico-node: BIRD 1.x on the config confd renders (its includes sit next to it).',
        'cd /etc/calico/confd/config',
        'bird -c bird.cfg -s /run/bird.ctl',
        '',
      ].join('\n'),
    );
  });

  it('FRR routers start FRR on their config; other platforms are refused with the reason', () => {
    const doc = design('../scenarios/two-racks-ebgp.liveroute.yaml');
    const frr = structuredClone(doc);
    for (const r of frr.spec.routers) r.platform = 'frr';
    const { clab, topo } = exported(frr);
    expect(topo.topology.nodes['tor-a']).toMatchObject({
      image: DEFAULT_CLAB_IMAGES.frr,
      binds: ['routers/tor-a.frr.conf:/etc/liveroute/frr.conf:ro', 'containerlab/tor-a.sh:/etc/liveroute/setup.sh:ro'],
    });
    expect(clab.find((f) => f.path === 'containerlab/tor-a.sh')?.text).toContain(
      "sed -i 's/^bgpd=no/bgpd=yes/' /etc/frr/daemons\ncp /etc/liveroute/frr.conf /etc/frr/frr.conf\nchown frr:frr /etc/frr/frr.conf\n/usr/lib/frr/frrinit.sh start\n",
    );
    const eos = structuredClone(doc);
    (eos.spec.routers[0] as { platform: string }).platform = 'eos';
    expect(clabUnsupported(eos)).toBe(
      'containerlab runs BIRD and FRR routers only (set the others to frr to try the same policy); tor-a is eos',
    );
    expect(clabUnsupported(frr)).toBeUndefined();
  });

  it('migrate.sh walks the phases with docker exec, in order', () => {
    const { clab } = exported(design('../scenarios/two-racks-ebgp.liveroute.yaml'));
    const text = clab.find((f) => f.path === 'containerlab/migrate.sh')?.text ?? '';
    expect(text).toContain(
      '  live)\n    docker exec clab-two-racks-ebgp-node-b1 ip route replace 10.244.1.5/32 dev cali3db72406 metric 512 proto boot\n    ;;',
    );
    expect(text).toContain(
      '  settled)\n    docker exec clab-two-racks-ebgp-node-b1 ip route replace 10.244.1.5/32 dev cali3db72406 metric 1024 proto boot\n    docker exec clab-two-racks-ebgp-node-b1 ip route del 10.244.1.5/32 dev cali3db72406 metric 512\n    ;;',
    );
  });
});
