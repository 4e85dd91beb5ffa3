/**
 * A speaker that runs a BIRD configuration: calico-node (the config confd renders) or a BIRD
 * router (the config liveroute generates). The engine reads its sessions, static routes and
 * kernel protocol from the parsed text and runs its filters with the BIRD interpreter.
 */
import type { BirdConfig, FilterRef, Option } from '../../bird/lang/ast';
import { GenerationCache } from '../../bird/lang/generations';
import { runFilter } from '../../bird/lang/interpreter';
import { parseIPv4, prefix4 } from '../../lib/ip';
import type { Underlay } from '../underlay';
import type { FilterRunner, ListenRange, SessionEnd, Speaker } from '../types';
import { effectiveOptions, filterOf, flatOptions, hasFlag, option, protocolsOfType } from './options';
import { memoFilter } from './memo';
import { filterKey } from './shared';

export interface BirdSpeakerInput {
  readonly name: string;
  readonly kind: 'node' | 'router';
  readonly platform: Speaker['platform'];
  readonly address: number;
  readonly config: BirdConfig;
  readonly underlay: Underlay;
}

const ALL: FilterRef = { k: 'all' };
const NONE: FilterRef = { k: 'none' };

/**
 * One runner (and one memo) per filter as it runs: protocols from one template share it, and so
 * do speakers whose configs hold the same parsed filter and functions (shared.ts).
 */
const RUNNERS = new GenerationCache<string, FilterRunner>(16384);

function runner(cfg: BirdConfig, ref: FilterRef): FilterRunner {
  const key = filterKey(cfg, ref);
  let r = RUNNERS.get(key);
  if (!r) {
    r = memoFilter(ref, (route) => runFilter(cfg, ref, route));
    RUNNERS.set(key, r);
  }
  return r;
}

function addPaths(opts: readonly Option[]): { tx: boolean; rx: boolean } {
  const o = option(opts, 'add', 'paths');
  const v = o?.words[2] ?? (o ? 'on' : 'off');
  return { tx: v === 'on' || v === 'tx' || v === 'yes', rx: v === 'on' || v === 'rx' || v === 'yes' };
}

class ConfigError extends Error {}

function num(text: string | undefined, what: string): number {
  const v = text === undefined ? NaN : Number(text);
  if (!Number.isInteger(v)) throw new ConfigError(`${what}: expected a number, found ${text ?? 'nothing'}`);
  return v;
}

export function birdSpeaker(input: BirdSpeakerInput): Speaker {
  const { config: cfg, name, underlay } = input;
  const routerIdWords = cfg.globals.find((g) => g.words[0] === 'router' && g.words[1] === 'id')?.words[2];
  const routerId = (routerIdWords ? parseIPv4(routerIdWords) : undefined) ?? input.address;
  const ends: SessionEnd[] = [];
  const listens: ListenRange[] = [];
  let clusterId: number | undefined;
  let configError: string | undefined;

  try {
    for (const p of protocolsOfType(cfg, 'bgp')) {
      const opts = flatOptions(effectiveOptions(cfg, p));
      const protocol = p.name ?? 'bgp';
      const local = option(opts, 'local');
      const localAsIndex = local ? local.words.indexOf('as') : -1;
      const localAs = num(local?.words[localAsIndex + 1], `protocol ${protocol}: local as`);
      const localIp = local && localAsIndex === 2 ? parseIPv4(local.words[1] as string) : undefined;
      const sourceAddress = option(opts, 'source', 'address')?.words[2];
      const localAddress = localIp ?? (sourceAddress ? parseIPv4(sourceAddress) : undefined) ?? input.address;
      const rrCluster = option(opts, 'rr', 'cluster', 'id')?.words[3];
      const protocolCluster = rrCluster ? parseIPv4(rrCluster) : undefined;
      if (protocolCluster !== undefined) clusterId ??= protocolCluster;
      const ap = addPaths(opts);
      const allow = option(opts, 'allow', 'local', 'as');
      // BIRD: eBGP sessions are direct and iBGP sessions multihop unless 'direct'/'multihop' says otherwise.
      const explicitMultihop = option(opts, 'multihop') !== undefined;
      const explicitDirect = hasFlag(opts, 'direct');
      const multihopFor = (ebgp: boolean): boolean => explicitMultihop || (!ebgp && !explicitDirect);
      // BIRD's default gateway mode: direct for direct sessions, recursive for multihop ones.
      const gatewayWord = option(opts, 'gateway')?.words[1];
      const gatewayFor = (ebgp: boolean): 'direct' | 'recursive' =>
        gatewayWord === 'direct' || gatewayWord === 'recursive'
          ? gatewayWord
          : multihopFor(ebgp)
            ? 'recursive'
            : 'direct';
      const common = {
        localAddress,
        localAs,
        rrClient: option(opts, 'rr', 'client') !== undefined,
        nextHop: (option(opts, 'next', 'hop', 'self')
          ? 'self'
          : option(opts, 'next', 'hop', 'keep')
            ? 'keep'
            : 'default') as SessionEnd['nextHop'],
        addPathTx: ap.tx,
        addPathRx: ap.rx,
        passive: hasFlag(opts, 'passive'),
        allowLocalAs: allow ? (allow.words[3] !== undefined ? num(allow.words[3], 'allow local as') : Infinity) : 0,
        // BIRD: `rr cluster id` of this protocol, by default the router ID.
        clusterId: protocolCluster ?? routerId,
        importFilter: runner(cfg, filterOf(opts, 'import') ?? ALL),
        exportFilter: runner(cfg, filterOf(opts, 'export') ?? NONE),
      };
      const neighbor = option(opts, 'neighbor');
      if (!neighbor) throw new ConfigError(`protocol ${protocol}: no neighbor`);
      if (neighbor.words[1] === 'range') {
        const range = prefix4(neighbor.words[2] as string);
        const kind = neighbor.words[3];
        if (!range) throw new ConfigError(`protocol ${protocol}: bad neighbor range`);
        const peerAs =
          kind === 'external' || kind === 'internal' ? kind : [num(neighbor.words[4], 'neighbor range as')];
        listens.push({
          prefix: range,
          localAs,
          peerAs,
          make: (peer, peerAddress, asn) => ({
            ...common,
            id: `${name}:${protocol}:${peer}`,
            speaker: name,
            peer,
            protocol: `${protocol} (${peer})`,
            peerAddress,
            peerAs: asn,
            ebgp: asn !== localAs,
            multihop: multihopFor(asn !== localAs),
            gateway: gatewayFor(asn !== localAs),
            group: protocol,
          }),
        });
        continue;
      }
      const peerAddress = parseIPv4(neighbor.words[1] as string);
      const asAt = neighbor.words.indexOf('as');
      const peerAs = num(neighbor.words[asAt + 1], `protocol ${protocol}: neighbor as`);
      // BIRD refuses to load a config with a neighbor in AS 0 ("Remote AS number must be set").
      if (peerAs === 0)
        throw new ConfigError(
          `protocol ${protocol}: Remote AS number must be set (neighbor ${neighbor.words[1]} as 0)`,
        );
      if (peerAddress === undefined)
        throw new ConfigError(`protocol ${protocol}: neighbor ${neighbor.words[1]} is not an IPv4 address`);
      ends.push({
        ...common,
        id: `${name}:${protocol}`,
        speaker: name,
        peer: underlay.ownerOf(peerAddress) ?? '',
        protocol,
        peerAddress,
        peerAs,
        ebgp: peerAs !== localAs,
        multihop: multihopFor(peerAs !== localAs),
        gateway: gatewayFor(peerAs !== localAs),
      });
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    configError = e.message;
  }

  const kernel = protocolsOfType(cfg, 'kernel')[0];
  const kernelOpts = kernel ? flatOptions(effectiveOptions(cfg, kernel)) : [];
  const statics = protocolsOfType(cfg, 'static').flatMap((p) =>
    flatOptions(effectiveOptions(cfg, p))
      .filter((o) => o.words[0] === 'route')
      .map((o) => {
        const via = o.words[2] === 'via' ? parseIPv4(o.words[3] as string) : undefined;
        return {
          prefix: o.words[1] as string,
          blackhole: o.words[2] === 'blackhole' || o.words[2] === 'unreachable',
          ...(via !== undefined ? { via } : {}),
        };
      }),
  );
  return {
    name,
    kind: input.kind,
    platform: input.platform,
    address: input.address,
    routerId,
    ...(clusterId !== undefined ? { clusterId } : {}),
    ends: configError ? [] : ends,
    listens: configError ? [] : listens,
    bird: true,
    mergePaths: hasFlag(kernelOpts, 'merge', 'paths'),
    ...(kernel ? { kernelExport: runner(cfg, filterOf(kernelOpts, 'export') ?? NONE) } : {}),
    ...(configError ? { configError } : {}),
    statics,
  };
}
