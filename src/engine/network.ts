/**
 * The speakers of a design and the sessions between them. calico-node runs the BIRD config
 * confd renders for it; BIRD routers run the config liveroute generates; other routers run the
 * neutral policy. A session is established only when both ends are configured for each other,
 * the AS numbers agree, not both are passive, and the underlay joins them.
 */
import { parseBirdConfig } from '../bird/lang/configParser';
import { newCacheGeneration } from '../bird/lang/generations';
import { BirdSyntaxError } from '../bird/lang/lexer';
import { renderBirdRouter } from '../bird/router/render';
import { calicoResourcesFromDesign, renderCalicoNode } from '../calico';
import { assert } from '../lib/assert';
import { formatIPv4, parseIPv4, prefixContainsAddr } from '../lib/ip';
import { compareStrings } from '../lib/names';
import { compileRouter, type Topology } from '../model';
import { birdSpeaker } from './speakers/bird';
import { neutralSpeaker } from './speakers/neutral';
import type { SessionEnd, Speaker } from './types';
import { Underlay } from './underlay';

export interface Session {
  readonly id: string;
  readonly a: SessionEnd;
  readonly b: SessionEnd;
  readonly up: boolean;
  /** Why it is down. */
  readonly reason?: string;
}

/** A direction of an established session: what `from` sends, `to` receives. */
export interface Channel {
  readonly from: SessionEnd;
  readonly to: SessionEnd;
  /** ADD-PATH negotiated in this direction: the sender offers every path it has. */
  readonly addPath: boolean;
}

export interface Network {
  readonly doc: Topology;
  readonly underlay: Underlay;
  readonly speakers: ReadonlyMap<string, Speaker>;
  readonly sessions: readonly Session[];
  /** Established channels leaving each speaker. */
  readonly outgoing: ReadonlyMap<string, readonly Channel[]>;
  /** The BIRD text each BIRD speaker runs (for display and verification). */
  readonly birdText: ReadonlyMap<string, string>;
}

function speakerFromBird(
  name: string,
  kind: 'node' | 'router',
  platform: Speaker['platform'],
  address: number,
  main: string,
  includes: Map<string, string>,
  underlay: Underlay,
): Speaker {
  try {
    const config = parseBirdConfig({ name: 'bird.cfg', text: main }, includes);
    return birdSpeaker({ name, kind, platform, address, config, underlay });
  } catch (e) {
    if (!(e instanceof BirdSyntaxError)) throw e;
    // BIRD would refuse to start with this configuration: the speaker runs no BGP at all.
    return {
      name,
      kind,
      platform,
      address,
      routerId: address,
      ends: [],
      listens: [],
      bird: true,
      mergePaths: false,
      statics: [],
      configError: e.message,
    };
  }
}

export function buildSpeakers(
  doc: Topology,
  underlay: Underlay,
): { speakers: Map<string, Speaker>; birdText: Map<string, string> } {
  const speakers = new Map<string, Speaker>();
  const birdText = new Map<string, string>();
  const set = calicoResourcesFromDesign(doc);
  for (const n of doc.spec.nodes) {
    const cfg = renderCalicoNode(set, n.name);
    birdText.set(n.name, cfg.birdCfg);
    const includes = new Map([
      ['bird_aggr.cfg', cfg.birdAggrCfg],
      ['bird_ipam.cfg', cfg.birdIpamCfg],
    ]);
    const address = parseIPv4(n.address);
    assert(address !== undefined, `node ${n.name}: address ${n.address} is IPv4 (the design's validation checks it)`);
    speakers.set(n.name, speakerFromBird(n.name, 'node', 'calico', address, cfg.birdCfg, includes, underlay));
  }
  for (const r of doc.spec.routers) {
    const model = compileRouter(doc, r.name);
    if (r.platform === 'bird1' || r.platform === 'bird2') {
      const text = renderBirdRouter(model, r.platform === 'bird1' ? 1 : 2).text;
      birdText.set(r.name, text);
      const address = parseIPv4(r.address);
      assert(
        address !== undefined,
        `router ${r.name}: address ${r.address} is IPv4 (the design's validation checks it)`,
      );
      speakers.set(r.name, speakerFromBird(r.name, 'router', r.platform, address, text, new Map(), underlay));
    } else {
      speakers.set(
        r.name,
        neutralSpeaker(model, (a) => underlay.ownerOf(a)),
      );
    }
  }
  return { speakers, birdText };
}

/** The other side's end for `e`: a configured neighbour, or one made from a listen range. */
function counterpart(e: SessionEnd, speakers: ReadonlyMap<string, Speaker>): SessionEnd | undefined {
  const peer = speakers.get(e.peer);
  if (!peer) return undefined;
  const explicit = peer.ends.find((f) => f.peer === e.speaker && f.peerAddress === e.localAddress);
  if (explicit) return explicit;
  for (const l of peer.listens) {
    if (!prefixContainsAddr(l.prefix, e.localAddress)) continue;
    const fits =
      l.peerAs === 'external'
        ? e.localAs !== l.localAs
        : l.peerAs === 'internal'
          ? e.localAs === l.localAs
          : l.peerAs.includes(e.localAs);
    // A range end takes the AS the connecting side speaks; it exists only when the range admits it.
    if (fits) return l.make(e.speaker, e.localAddress, e.localAs);
  }
  return undefined;
}

function establish(
  e: SessionEnd,
  f: SessionEnd | undefined,
  speakers: ReadonlyMap<string, Speaker>,
  underlay: Underlay,
): string | undefined {
  const self = speakers.get(e.speaker);
  assert(self !== undefined, `session end ${e.id} belongs to a speaker of the network`);
  const peer = speakers.get(e.peer);
  if (!peer) return `no speaker of the design has address ${formatIPv4(e.peerAddress)}`;
  if (self.configError) return `${self.name}'s BIRD configuration does not load: ${self.configError}`;
  if (peer.configError) return `${peer.name}'s BIRD configuration does not load: ${peer.configError}`;
  if (!f) return `${peer.name} has no session configured for ${self.name} (${formatIPv4(e.localAddress)})`;
  if (e.peerAs !== f.localAs)
    return `AS mismatch: ${self.name} expects ${peer.name} in AS ${e.peerAs}, but ${peer.name} speaks AS ${f.localAs}`;
  if (f.peerAs !== e.localAs)
    return `AS mismatch: ${peer.name} expects ${self.name} in AS ${f.peerAs}, but ${self.name} speaks AS ${e.localAs}`;
  if (e.passive && f.passive) return `both ${self.name} and ${peer.name} wait passively for the other to connect`;
  if (!underlay.isAdjacent(self.name, peer.name) && !underlay.path(self.name, peer.name))
    return `${peer.name} is unreachable from ${self.name} over the underlay`;
  if ((!e.multihop || !f.multihop) && !underlay.isAdjacent(self.name, peer.name)) {
    return `${!e.multihop ? self.name : peer.name} expects ${!e.multihop ? peer.name : self.name} directly connected (no multihop), but it is not on a shared segment or link`;
  }
  return undefined;
}

export function buildNetwork(doc: Topology): Network {
  // Parsed items and filter runners the previous network did not use leave the shared caches.
  newCacheGeneration();
  const underlay = new Underlay(doc);
  const { speakers, birdText } = buildSpeakers(doc, underlay);
  const sessions: Session[] = [];
  const seen = new Set<string>();
  const names = [...speakers.keys()].sort(compareStrings);
  for (const name of names) {
    for (const e of (speakers.get(name) as Speaker).ends) {
      if (seen.has(e.id)) continue;
      const f = counterpart(e, speakers);
      if (f) seen.add(f.id);
      seen.add(e.id);
      const reason = establish(e, f, speakers, underlay);
      const mate: SessionEnd = f ?? {
        ...e,
        id: `${e.id}~missing`,
        speaker: e.peer,
        peer: e.speaker,
        localAddress: e.peerAddress,
        peerAddress: e.localAddress,
      };
      sessions.push({
        id: [e.id, mate.id].sort(compareStrings).join(' ~ '),
        a: e,
        b: mate,
        up: reason === undefined,
        ...(reason ? { reason } : {}),
      });
    }
  }
  const outgoing = new Map<string, Channel[]>();
  for (const s of sessions) {
    if (!s.up) continue;
    for (const [from, to] of [
      [s.a, s.b],
      [s.b, s.a],
    ] as const) {
      const list = outgoing.get(from.speaker) ?? [];
      list.push({ from, to, addPath: from.addPathTx && to.addPathRx });
      outgoing.set(from.speaker, list);
    }
  }
  for (const list of outgoing.values())
    list.sort((x, y) => compareStrings(x.to.speaker, y.to.speaker) || compareStrings(x.from.id, y.from.id));
  return { doc, underlay, speakers, sessions, outgoing, birdText };
}
