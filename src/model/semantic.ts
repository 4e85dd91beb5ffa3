/**
 * Checks that need the whole document: names, references, addresses, pools and blocks, VMs,
 * layout keys. A design that fails any of them is refused (the engine could not run it); routing
 * problems of a valid design are diagnostics, not issues.
 */
import {
  formatIPv4,
  parseIPv4,
  prefix4,
  prefixContainsAddr,
  prefixContainsPrefix,
  prefixesOverlap,
  prefixLast,
  type Prefix4,
} from '../lib/ip';
import { formatPath, issue, type Issue, type Path } from './issues';
import { IMPLICIT_LABELS, resolveCluster } from './resolve';
import type { Topology } from './schema';
import { checkLesson } from './lessonSemantics';

type Where = { path: Path; what: string };

export function checkSemantics(doc: Topology): Issue[] {
  const out: Issue[] = [];
  const spec = doc.spec;
  const cluster = resolveCluster(spec);

  // --- one namespace for racks, nodes and routers; VMs and pools have their own
  const elements = new Map<string, Where>();
  const claim = (name: string, path: Path, what: string) => {
    const prior = elements.get(name);
    if (prior) out.push(issue([...path, 'name'], `${JSON.stringify(name)} is already the name of ${prior.what} (${formatPath(prior.path)})`));
    else elements.set(name, { path, what });
  };
  spec.racks.forEach((r, i) => claim(r.name, ['spec', 'racks', i], 'a rack'));
  spec.nodes.forEach((n, i) => claim(n.name, ['spec', 'nodes', i], 'a node'));
  spec.routers.forEach((r, i) => claim(r.name, ['spec', 'routers', i], 'a router'));
  uniqueBy(spec.vms, (v) => v.name, (i, prior) => out.push(issue(['spec', 'vms', i, 'name'], `VM name ${JSON.stringify(spec.vms[i]?.name)} is already used by spec.vms[${prior}]`)));
  uniqueBy(spec.cluster?.ipPools ?? [], (p) => p.name, (i, prior) => out.push(issue(['spec', 'cluster', 'ipPools', i, 'name'], `pool name is already used by spec.cluster.ipPools[${prior}]`)));
  uniqueBy(spec.calicoResources, (r) => `${r.kind}/${r.metadata.name}`, (i, prior) => {
    const r = spec.calicoResources[i];
    out.push(issue(['spec', 'calicoResources', i, 'metadata', 'name'], `${r?.kind} ${JSON.stringify(r?.metadata.name)} is already defined at spec.calicoResources[${prior}]`));
  });

  const racks = new Map(spec.racks.map((r) => [r.name, r]));
  const nodes = new Map(spec.nodes.map((n) => [n.name, n]));
  const routers = new Map(spec.routers.map((r) => [r.name, r]));

  // --- racks: subnets must not overlap
  const rackPrefixes = spec.racks.map((r) => prefix4(r.subnet));
  spec.racks.forEach((r, i) => {
    const p = rackPrefixes[i];
    for (let j = 0; j < i; j++) {
      const q = rackPrefixes[j];
      if (p && q && prefixesOverlap(p, q)) {
        out.push(issue(['spec', 'racks', i, 'subnet'], `${r.subnet} overlaps rack ${spec.racks[j]?.name} (${spec.racks[j]?.subnet})`));
      }
    }
  });

  // --- addresses: unique, and inside their rack subnet
  const addresses = new Map<string, Where>();
  const claimAddress = (addr: string, path: Path, what: string) => {
    const prior = addresses.get(addr);
    if (prior) out.push(issue(path, `${addr} is already the address of ${prior.what}`));
    else addresses.set(addr, { path, what });
  };
  const checkInRack = (addr: string, rackName: string, path: Path) => {
    const rack = racks.get(rackName);
    const subnet = rack ? prefix4(rack.subnet) : undefined;
    const a = parseIPv4(addr);
    if (!subnet || a === undefined) return;
    if (!prefixContainsAddr(subnet, a)) out.push(issue(path, `${addr} is outside rack ${rackName}'s subnet ${rack?.subnet}`));
    else if (subnet.len <= 30 && (a === subnet.addr || a === prefixLast(subnet))) {
      out.push(issue(path, `${addr} is the ${a === subnet.addr ? 'network' : 'broadcast'} address of ${rack?.subnet}`));
    }
  };

  spec.nodes.forEach((n, i) => {
    const at: Path = ['spec', 'nodes', i];
    if (!racks.has(n.rack)) out.push(issue([...at, 'rack'], unknown('rack', n.rack, racks.keys())));
    else checkInRack(n.address, n.rack, [...at, 'address']);
    claimAddress(n.address, [...at, 'address'], `node ${n.name}`);
    for (const key of IMPLICIT_LABELS) {
      if (n.labels && Object.hasOwn(n.labels, key)) {
        out.push(issue([...at, 'labels', key], `label ${key} is set by liveroute itself (to the node's ${key === 'rack' ? 'rack' : 'name'}); remove it`));
      }
    }
  });

  const torsPerRack = new Map<string, number>();
  spec.routers.forEach((r, i) => {
    const at: Path = ['spec', 'routers', i];
    if (r.role === 'tor') {
      if (r.rack === undefined) out.push(issue([...at, 'rack'], 'a tor router needs the rack it serves'));
      else if (!racks.has(r.rack)) out.push(issue([...at, 'rack'], unknown('rack', r.rack, racks.keys())));
      else {
        const count = (torsPerRack.get(r.rack) ?? 0) + 1;
        torsPerRack.set(r.rack, count);
        if (count > 2) out.push(issue([...at, 'rack'], `rack ${r.rack} already has two ToRs`));
        checkInRack(r.address, r.rack, [...at, 'address']);
      }
    } else if (r.rack !== undefined) {
      out.push(issue([...at, 'rack'], `only a tor belongs to a rack; a ${r.role} does not`));
    }
    claimAddress(r.address, [...at, 'address'], `router ${r.name}`);
  });

  // --- links and sessions join two distinct routers, once
  for (const list of ['links', 'sessions'] as const) {
    const seen = new Map<string, number>();
    spec[list].forEach(([a, b], i) => {
      const at: Path = ['spec', list, i];
      let bad = false;
      [a, b].forEach((end, k) => {
        if (!routers.has(end)) {
          bad = true;
          const hint = nodes.has(end) ? ` (${end} is a node: nodes peer through BGPPeer resources and link to their rack's ToRs)` : '';
          out.push(issue([...at, k], `${unknown('router', end, routers.keys())}${hint}`));
        }
      });
      if (bad) return;
      if (a === b) return void out.push(issue(at, `a ${list === 'links' ? 'link' : 'session'} joins two different routers, not ${a} with itself`));
      const key = [a, b].sort().join(' ');
      const prior = seen.get(key);
      if (prior !== undefined) out.push(issue(at, `${a}–${b} is already listed at spec.${list}[${prior}]`));
      else seen.set(key, i);
    });
  }

  // --- pools and blocks
  const pools = cluster.ipPools.map((p) => ({ pool: p, prefix: prefix4(p.cidr) }));
  (spec.cluster?.ipPools ?? []).forEach((p, i) => {
    const at: Path = ['spec', 'cluster', 'ipPools', i];
    const pp = pools[i]?.prefix;
    if (!pp) return;
    const blockSize = pools[i]?.pool.blockSize ?? 26;
    if (pp.len > blockSize) out.push(issue([...at, 'blockSize'], `pool ${p.cidr} is smaller than one /${blockSize} block`));
    for (let j = 0; j < i; j++) {
      const q = pools[j]?.prefix;
      if (q && prefixesOverlap(pp, q)) out.push(issue([...at, 'cidr'], `${p.cidr} overlaps pool ${pools[j]?.pool.name} (${pools[j]?.pool.cidr})`));
    }
  });
  const poolOf = (p: Prefix4) => pools.find((x) => x.prefix && prefixContainsPrefix(x.prefix, p));
  const blocks: { prefix: Prefix4; owner: string; path: Path; text: string; order: number }[] = [];
  spec.nodes.forEach((n, i) => {
    (n.blocks ?? []).forEach((b, k) => {
      const p = prefix4(b);
      if (p) blocks.push({ prefix: p, owner: n.name, path: ['spec', 'nodes', i, 'blocks', k], text: b, order: blocks.length });
    });
  });
  const clashes = overlappingBlocks(blocks.map((b) => b.prefix));
  for (const b of blocks) {
    const pool = poolOf(b.prefix);
    if (!pool) {
      out.push(issue(b.path, `block ${b.text} is outside every IP pool (${cluster.ipPools.map((x) => x.cidr).join(', ')})`));
      continue;
    }
    if (b.prefix.len !== pool.pool.blockSize) out.push(issue(b.path, `block ${b.text} is not a /${pool.pool.blockSize}, the block size of pool ${pool.pool.name}`));
    const other = clashes.get(b.order);
    const clash = other !== undefined ? blocks[other] : undefined;
    if (clash) out.push(issue(b.path, `block ${b.text} overlaps ${formatIPv4(clash.prefix.addr)}/${clash.prefix.len} of node ${clash.owner}`));
  }

  // --- VMs
  const vmIps = new Map<string, number>();
  spec.vms.forEach((vm, i) => {
    const at: Path = ['spec', 'vms', i];
    if (!nodes.has(vm.node)) {
      const hint = routers.has(vm.node) ? ` (${vm.node} is a router; VMs run on nodes)` : '';
      out.push(issue([...at, 'node'], `${unknown('node', vm.node, nodes.keys())}${hint}`));
    }
    const a = parseIPv4(vm.ip);
    if (a !== undefined && !pools.some((x) => x.prefix && prefixContainsAddr(x.prefix, a))) {
      out.push(issue([...at, 'ip'], `${vm.ip} is outside every IP pool (${cluster.ipPools.map((x) => x.cidr).join(', ')})`));
    }
    const prior = vmIps.get(vm.ip);
    if (prior !== undefined) out.push(issue([...at, 'ip'], `${vm.ip} is already the IP of VM ${spec.vms[prior]?.name}`));
    else vmIps.set(vm.ip, i);
    const owner = addresses.get(vm.ip);
    if (owner) out.push(issue([...at, 'ip'], `${vm.ip} is the address of ${owner.what}`));
  });

  // --- migration
  const m = spec.migration;
  if (m) {
    const vm = spec.vms.find((v) => v.name === m.vm);
    if (!vm) out.push(issue(['spec', 'migration', 'vm'], unknown('VM', m.vm, spec.vms.map((v) => v.name))));
    if (!nodes.has(m.to)) out.push(issue(['spec', 'migration', 'to'], unknown('node', m.to, nodes.keys())));
    else if (vm && vm.node === m.to) out.push(issue(['spec', 'migration', 'to'], `${m.vm} already runs on ${m.to}; migrate it to another node`));
  }

  // --- BGPPeer references to nodes
  spec.calicoResources.forEach((r, i) => {
    if (r.kind === 'BGPPeer' && r.spec.node && !nodes.has(r.spec.node)) {
      out.push(issue(['spec', 'calicoResources', i, 'spec', 'node'], unknown('node', r.spec.node, nodes.keys())));
    }
  });

  // --- layout keys
  for (const key of Object.keys(doc.spec.layout?.positions ?? {})) {
    if (!elements.has(key)) out.push(issue(['spec', 'layout', 'positions', key], `${JSON.stringify(key)} is not a rack, node or router of this design`));
  }
  out.push(...checkLesson(doc));
  return out;
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string, onDuplicate: (index: number, prior: number) => void): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const prior = seen.get(k);
    if (prior !== undefined) onDuplicate(i, prior);
    else seen.set(k, i);
  });
}

function unknown(what: string, name: string, known: Iterable<string>): string {
  const names = [...known];
  const list = names.length === 0 ? `there is no ${what} yet` : `known: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
  return `unknown ${what} ${JSON.stringify(name)} (${list})`;
}

/**
 * For each prefix that overlaps an earlier one (in list order), the index of the earliest such.
 * Aligned prefixes overlap only by containment, so a sweep in address order with a stack of the
 * enclosing prefixes finds every overlap in O(n log n), not by comparing all pairs.
 */
function overlappingBlocks(prefixes: readonly Prefix4[]): Map<number, number> {
  const order = prefixes.map((p, i) => ({ p, i })).sort((a, b) => a.p.addr - b.p.addr || a.p.len - b.p.len || a.i - b.i);
  const result = new Map<number, number>();
  const stack: { p: Prefix4; i: number }[] = [];
  const note = (later: number, earlier: number) => {
    const [hi, lo] = later > earlier ? [later, earlier] : [earlier, later];
    const known = result.get(hi);
    if (known === undefined || lo < known) result.set(hi, lo);
  };
  for (const cur of order) {
    while (stack.length > 0 && !prefixContainsPrefix((stack[stack.length - 1] as { p: Prefix4 }).p, cur.p)) stack.pop();
    for (const enclosing of stack) note(cur.i, enclosing.i);
    stack.push(cur);
  }
  return result;
}
