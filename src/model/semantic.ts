/**
 * Checks that need the whole document: names, references, addresses, pools and blocks, VMs,
 * layout keys. A design that fails any of them is refused (the engine could not run it); routing
 * problems of a valid design are diagnostics, not issues.
 */
import { formatIPv4, parseIPv4, prefix4, prefixContainsAddr, prefixLast, type Prefix4 } from '../lib/ip';
import { formatPath, issue, IssueLog, type Issue, type Path } from './issues';
import { earliestOverlaps, PrefixLookup } from './prefixes';
import { IMPLICIT_LABELS, resolveCluster } from './resolve';
import type { Topology } from './schema';
import { checkLesson } from './lessonSemantics';

type Where = { path: Path; what: string };

/**
 * Every check is linear or O(n log n) in the design (maps by name and address, prefix sweeps),
 * and problems are collected by kind (the first few listed, the rest counted), so a design of
 * thousands of copies of one element answers at once.
 */
export function checkSemantics(doc: Topology): Issue[] {
  const log = new IssueLog();
  const out = { push: (kind: string, problem: Issue) => log.add(kind, problem) };
  const spec = doc.spec;
  const cluster = resolveCluster(spec);

  // --- one namespace for racks, nodes and routers; VMs and pools have their own
  const elements = new Map<string, Where>();
  const claim = (name: string, path: Path, what: string) => {
    const prior = elements.get(name);
    if (prior)
      out.push(
        `duplicate ${what.replace(/^an? /, '')} names`,
        issue(
          [...path, 'name'],
          `${JSON.stringify(name)} is already the name of ${prior.what} (${formatPath(prior.path)})`,
        ),
      );
    else elements.set(name, { path, what });
  };
  spec.racks.forEach((r, i) => claim(r.name, ['spec', 'racks', i], 'a rack'));
  spec.nodes.forEach((n, i) => claim(n.name, ['spec', 'nodes', i], 'a node'));
  spec.routers.forEach((r, i) => claim(r.name, ['spec', 'routers', i], 'a router'));
  uniqueBy(
    spec.vms,
    (v) => v.name,
    (i, prior) =>
      out.push(
        'duplicate VM names',
        issue(
          ['spec', 'vms', i, 'name'],
          `VM name ${JSON.stringify(spec.vms[i]?.name)} is already used by spec.vms[${prior}]`,
        ),
      ),
  );
  uniqueBy(
    spec.cluster?.ipPools ?? [],
    (p) => p.name,
    (i, prior) =>
      out.push(
        'duplicate pool names',
        issue(['spec', 'cluster', 'ipPools', i, 'name'], `pool name is already used by spec.cluster.ipPools[${prior}]`),
      ),
  );
  uniqueBy(
    spec.calicoResources,
    (r) => `${r.kind}/${r.metadata.name}`,
    (i, prior) => {
      const r = spec.calicoResources[i];
      out.push(
        'duplicate Calico resources',
        issue(
          ['spec', 'calicoResources', i, 'metadata', 'name'],
          `${r?.kind} ${JSON.stringify(r?.metadata.name)} is already defined at spec.calicoResources[${prior}]`,
        ),
      );
    },
  );

  const racks = new Map(spec.racks.map((r) => [r.name, r]));
  const nodes = new Map(spec.nodes.map((n) => [n.name, n]));
  const routers = new Map(spec.routers.map((r) => [r.name, r]));

  // --- racks: subnets must not overlap (each is reported against the first rack it overlaps)
  for (const [i, j] of earliestOverlaps(spec.racks.map((r) => prefix4(r.subnet)))) {
    const r = spec.racks[i];
    out.push(
      'overlapping rack subnets',
      issue(
        ['spec', 'racks', i, 'subnet'],
        `${r?.subnet} overlaps rack ${spec.racks[j]?.name} (${spec.racks[j]?.subnet})`,
      ),
    );
  }

  // --- addresses: unique, and inside their rack subnet
  const addresses = new Map<string, Where>();
  const claimAddress = (addr: string, path: Path, what: string) => {
    const prior = addresses.get(addr);
    if (prior) out.push('duplicate addresses', issue(path, `${addr} is already the address of ${prior.what}`));
    else addresses.set(addr, { path, what });
  };
  const checkInRack = (addr: string, rackName: string, path: Path) => {
    const rack = racks.get(rackName);
    const subnet = rack ? prefix4(rack.subnet) : undefined;
    const a = parseIPv4(addr);
    if (!subnet || a === undefined) return;
    if (!prefixContainsAddr(subnet, a))
      out.push(
        'addresses outside their rack subnet',
        issue(path, `${addr} is outside rack ${rackName}'s subnet ${rack?.subnet}`),
      );
    else if (subnet.len <= 30 && (a === subnet.addr || a === prefixLast(subnet))) {
      out.push(
        'network or broadcast addresses',
        issue(path, `${addr} is the ${a === subnet.addr ? 'network' : 'broadcast'} address of ${rack?.subnet}`),
      );
    }
  };

  spec.nodes.forEach((n, i) => {
    const at: Path = ['spec', 'nodes', i];
    if (!racks.has(n.rack))
      out.push('nodes in unknown racks', issue([...at, 'rack'], unknown('rack', n.rack, racks.keys())));
    else checkInRack(n.address, n.rack, [...at, 'address']);
    claimAddress(n.address, [...at, 'address'], `node ${n.name}`);
    for (const key of IMPLICIT_LABELS) {
      if (n.labels && Object.hasOwn(n.labels, key)) {
        out.push(
          'labels liveroute sets itself',
          issue(
            [...at, 'labels', key],
            `label ${key} is set by liveroute itself (to the node's ${key === 'rack' ? 'rack' : 'name'}); remove it`,
          ),
        );
      }
    }
  });

  const torsPerRack = new Map<string, number>();
  spec.routers.forEach((r, i) => {
    const at: Path = ['spec', 'routers', i];
    if (r.role === 'tor') {
      if (r.rack === undefined)
        out.push('ToRs without a rack', issue([...at, 'rack'], 'a tor router needs the rack it serves'));
      else if (!racks.has(r.rack))
        out.push('routers in unknown racks', issue([...at, 'rack'], unknown('rack', r.rack, racks.keys())));
      else {
        const count = (torsPerRack.get(r.rack) ?? 0) + 1;
        torsPerRack.set(r.rack, count);
        if (count > 2)
          out.push('ToRs beyond two per rack', issue([...at, 'rack'], `rack ${r.rack} already has two ToRs`));
        checkInRack(r.address, r.rack, [...at, 'address']);
      }
    } else if (r.rack !== undefined) {
      out.push(
        'racks given to routers that are not ToRs',
        issue([...at, 'rack'], `only a tor belongs to a rack; a ${r.role} does not`),
      );
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
          const hint = nodes.has(end)
            ? ` (${end} is a node: nodes peer through BGPPeer resources and link to their rack's ToRs)`
            : '';
          out.push(`${list} to unknown routers`, issue([...at, k], `${unknown('router', end, routers.keys())}${hint}`));
        }
      });
      if (bad) return;
      if (a === b)
        return void out.push(
          `${list} of a router with itself`,
          issue(at, `a ${list === 'links' ? 'link' : 'session'} joins two different routers, not ${a} with itself`),
        );
      const key = [a, b].sort().join(' ');
      const prior = seen.get(key);
      if (prior !== undefined)
        out.push(`duplicate ${list}`, issue(at, `${a}–${b} is already listed at spec.${list}[${prior}]`));
      else seen.set(key, i);
    });
  }

  // --- pools and blocks
  const pools = cluster.ipPools.map((p) => ({ pool: p, prefix: prefix4(p.cidr) }));
  const poolOverlaps = earliestOverlaps(spec.cluster?.ipPools ? pools.map((x) => x.prefix) : []);
  (spec.cluster?.ipPools ?? []).forEach((p, i) => {
    const at: Path = ['spec', 'cluster', 'ipPools', i];
    const pp = pools[i]?.prefix;
    if (!pp) return;
    const blockSize = pools[i]?.pool.blockSize ?? 26;
    if (pp.len > blockSize)
      out.push(
        'pools smaller than one block',
        issue([...at, 'blockSize'], `pool ${p.cidr} is smaller than one /${blockSize} block`),
      );
    const j = poolOverlaps.get(i);
    if (j !== undefined)
      out.push(
        'overlapping pools',
        issue([...at, 'cidr'], `${p.cidr} overlaps pool ${pools[j]?.pool.name} (${pools[j]?.pool.cidr})`),
      );
  });
  const poolLookup = new PrefixLookup(pools.map((x) => x.prefix));
  // Once, and short: the messages that name the pools must not cost the number of pools each.
  const poolList = `${cluster.ipPools
    .slice(0, 8)
    .map((x) => x.cidr)
    .join(', ')}${cluster.ipPools.length > 8 ? ', …' : ''}`;
  const poolOf = (p: Prefix4) => pools[poolLookup.firstContaining(p) ?? -1];
  const blocks: { prefix: Prefix4; owner: string; path: Path; text: string; order: number }[] = [];
  spec.nodes.forEach((n, i) => {
    (n.blocks ?? []).forEach((b, k) => {
      const p = prefix4(b);
      if (p)
        blocks.push({
          prefix: p,
          owner: n.name,
          path: ['spec', 'nodes', i, 'blocks', k],
          text: b,
          order: blocks.length,
        });
    });
  });
  const clashes = earliestOverlaps(blocks.map((b) => b.prefix));
  for (const b of blocks) {
    const pool = poolOf(b.prefix);
    if (!pool) {
      out.push('blocks outside every pool', issue(b.path, `block ${b.text} is outside every IP pool (${poolList})`));
      continue;
    }
    if (b.prefix.len !== pool.pool.blockSize)
      out.push(
        'blocks of the wrong size',
        issue(b.path, `block ${b.text} is not a /${pool.pool.blockSize}, the block size of pool ${pool.pool.name}`),
      );
    const other = clashes.get(b.order);
    const clash = other !== undefined ? blocks[other] : undefined;
    if (clash)
      out.push(
        'overlapping blocks',
        issue(
          b.path,
          `block ${b.text} overlaps ${formatIPv4(clash.prefix.addr)}/${clash.prefix.len} of node ${clash.owner}`,
        ),
      );
  }

  // --- VMs
  const vmIps = new Map<string, number>();
  spec.vms.forEach((vm, i) => {
    const at: Path = ['spec', 'vms', i];
    if (!nodes.has(vm.node)) {
      const hint = routers.has(vm.node) ? ` (${vm.node} is a router; VMs run on nodes)` : '';
      out.push('VMs on unknown nodes', issue([...at, 'node'], `${unknown('node', vm.node, nodes.keys())}${hint}`));
    }
    const a = parseIPv4(vm.ip);
    if (a !== undefined && !poolLookup.containsAddr(a)) {
      out.push('VM IPs outside every pool', issue([...at, 'ip'], `${vm.ip} is outside every IP pool (${poolList})`));
    }
    const prior = vmIps.get(vm.ip);
    if (prior !== undefined)
      out.push('duplicate VM IPs', issue([...at, 'ip'], `${vm.ip} is already the IP of VM ${spec.vms[prior]?.name}`));
    else vmIps.set(vm.ip, i);
    const owner = addresses.get(vm.ip);
    if (owner)
      out.push('VM IPs that are element addresses', issue([...at, 'ip'], `${vm.ip} is the address of ${owner.what}`));
  });

  // --- migration
  const m = spec.migration;
  if (m) {
    const vm = spec.vms.find((v) => v.name === m.vm);
    if (!vm)
      out.push(
        'migration problems',
        issue(
          ['spec', 'migration', 'vm'],
          unknown(
            'VM',
            m.vm,
            spec.vms.map((v) => v.name),
          ),
        ),
      );
    if (!nodes.has(m.to))
      out.push('migration problems', issue(['spec', 'migration', 'to'], unknown('node', m.to, nodes.keys())));
    else if (vm && vm.node === m.to)
      out.push(
        'migration problems',
        issue(['spec', 'migration', 'to'], `${m.vm} already runs on ${m.to}; migrate it to another node`),
      );
  }

  // --- BGPPeer references to nodes
  spec.calicoResources.forEach((r, i) => {
    if (r.kind === 'BGPPeer' && r.spec.node && !nodes.has(r.spec.node)) {
      out.push(
        'BGPPeers of unknown nodes',
        issue(['spec', 'calicoResources', i, 'spec', 'node'], unknown('node', r.spec.node, nodes.keys())),
      );
    }
  });

  // --- layout keys
  for (const key of Object.keys(doc.spec.layout?.positions ?? {})) {
    if (!elements.has(key))
      out.push(
        'positions of unknown elements',
        issue(
          ['spec', 'layout', 'positions', key],
          `${JSON.stringify(key)} is not a rack, node or router of this design`,
        ),
      );
  }
  for (const problem of checkLesson(doc)) out.push('lesson problems', problem);
  return log.issues();
}

function uniqueBy<T>(
  items: readonly T[],
  key: (t: T) => string,
  onDuplicate: (index: number, prior: number) => void,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const prior = seen.get(k);
    if (prior !== undefined) onDuplicate(i, prior);
    else seen.set(k, i);
  });
}

function unknown(what: string, name: string, known: Iterable<string>): string {
  // The first nine names at most: taking them all would make each message cost the design's size.
  const names: string[] = [];
  for (const n of known) if (names.push(n) > 8) break;
  const list =
    names.length === 0
      ? `there is no ${what} yet`
      : `known: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
  return `unknown ${what} ${JSON.stringify(name)} (${list})`;
}
