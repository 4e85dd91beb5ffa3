/**
 * Findings from the network and the simulation: sessions that do not come up, speakers whose BIRD
 * configuration does not load (from the network alone), and per phase the clients blackholed, looping or split (with the hop that drops
 * the packet and why), prefixes that oscillate, and the transient blackholes between phases.
 */
import { compareStrings } from '../../lib/names';
import { isBGPPeer, nodesOfPeer, routerOfPeer, type BGPPeer } from '../../model';
import type { Network } from '../network';
import type { Simulation } from '../simulate';
import type { Diagnostic } from './types';

function peersBetween(net: Network, node: string, router: string): BGPPeer[] {
  const doc = net.doc;
  return doc.spec.calicoResources
    .filter(isBGPPeer)
    .filter((p) => routerOfPeer(doc, p)?.name === router && nodesOfPeer(doc, p).some((n) => n.name === node));
}

/**
 * Speakers whose BIRD configuration does not load and sessions that do not come up: they follow
 * from the design's network alone, so they are found with or without a migration to simulate.
 */
export function sessionDiagnostics(net: Network): Diagnostic[] {
  const out: Diagnostic[] = [];
  const broken = new Map<string, string[]>();
  for (const s of net.speakers.values())
    if (s.configError) broken.set(s.configError, [...(broken.get(s.configError) ?? []), s.name]);
  for (const [error, speakers] of [...broken].sort(([a], [b]) => compareStrings(a, b))) {
    out.push({
      code: 'LR-BIRD-CONFIG-INVALID',
      severity: 'error',
      subjects: speakers,
      message: `BIRD refuses the configuration of ${speakers.join(', ')}: ${error}. BIRD does not start with it: no BGP session there.`,
      fix: /as 0/.test(error)
        ? 'Give the BGPPeer its asNumber (the router’s AS).'
        : 'Fix the resource the message names.',
    });
  }
  for (const s of net.sessions) {
    if (s.up || net.speakers.get(s.a.speaker)?.configError || net.speakers.get(s.b.speaker)?.configError) continue;
    const [node, router] =
      net.speakers.get(s.a.speaker)?.kind === 'node' ? [s.a.speaker, s.b.speaker] : [s.b.speaker, s.a.speaker];
    const peers = peersBetween(net, node, router);
    const routerDef = net.doc.spec.routers.find((r) => r.name === router);
    const asMismatch = /^AS mismatch/.test(s.reason ?? '');
    const peer = peers[0];
    out.push({
      code: 'LR-SESSION-DOWN',
      severity: 'error',
      subjects: [...new Set([s.a.speaker, s.b.speaker, ...peers.map((p) => p.metadata.name)])].filter((x) => x !== ''),
      message: `The BGP session ${s.a.speaker} ↔ ${s.b.speaker || '(unknown peer)'} does not come up: ${s.reason}.`,
      fix:
        asMismatch && peer && routerDef
          ? `Set BGPPeer ${peer.metadata.name}'s asNumber to ${routerDef.asNumber} (${router}'s AS).`
          : 'Make both ends agree: the same AS numbers, a session configured on both sides, a reachable address.',
      ...(asMismatch && peer && routerDef && peer.spec.asNumber !== routerDef.asNumber
        ? { action: { kind: 'set-peer-as' as const, peer: peer.metadata.name, asNumber: routerDef.asNumber } }
        : {}),
    });
  }
  return out;
}

function flowDiagnostics(sim: Simulation): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const phase of sim.phases) {
    const groups = new Map<string, { code: Diagnostic['code']; clients: string[]; at: string }>();
    for (const f of phase.flows) {
      if (f.outcome === 'delivered') continue;
      const bad = f.paths.find((p) => p.end !== 'delivered');
      if (!bad) continue;
      const code: Diagnostic['code'] =
        f.outcome === 'split' ? 'LR-ECMP-SPLIT' : f.outcome === 'loop' ? 'LR-LOOP' : 'LR-BLACKHOLE';
      const key = `${code}|${bad.why}`;
      const g = groups.get(key) ?? { code, clients: [], at: bad.hops[bad.hops.length - 1] as string };
      g.clients.push(f.client);
      groups.set(key, g);
    }
    for (const [key, g] of groups) {
      const why = key.slice(key.indexOf('|') + 1);
      const who =
        g.clients.length > 3
          ? `${g.clients.slice(0, 3).join(', ')} and ${g.clients.length - 3} more`
          : g.clients.join(', ');
      const what =
        g.code === 'LR-ECMP-SPLIT'
          ? 'traffic is split: some paths reach the VM, some do not'
          : g.code === 'LR-LOOP'
            ? 'packets loop'
            : 'packets are dropped';
      const staleLocal = /VM's interface, but the VM is not running/.test(why);
      out.push({
        code: g.code,
        severity: 'error',
        phase: phase.name,
        subjects: [...new Set([...g.clients, g.at])],
        message: `In ${phase.name}, from ${who} to ${sim.migration.vm} (${sim.migration.ip}) ${what}: ${why}.`,
        fix: staleLocal
          ? `${g.at} prefers its own stale route: the target's elevated /32 must reach it with its priority (a BGPFilter on eBGP peerings, host routes instead of a downward default).`
          : g.code === 'LR-ECMP-SPLIT'
            ? 'Make the routers prefer the elevated route (the elevated community) instead of treating both /32s as equal.'
            : 'See the route tables of the hop that drops it.',
      });
    }
    if (phase.oscillating.length > 0) {
      out.push({
        code: 'LR-OSCILLATION',
        severity: 'error',
        phase: phase.name,
        subjects: [],
        message: `In ${phase.name}, BGP does not converge for ${phase.oscillating.join(', ')}: the exchange was stopped after the event budget.`,
        fix: 'Look for a policy cycle (preferences that change with what is advertised).',
      });
    }
  }
  const byPhase = new Map<string, { client: string; blackholeMs: number }[]>();
  for (const t of sim.transients) byPhase.set(t.phase, [...(byPhase.get(t.phase) ?? []), t]);
  for (const [phase, list] of byPhase) {
    const worst = [...list].sort((a, b) => b.blackholeMs - a.blackholeMs || compareStrings(a.client, b.client));
    out.push({
      code: 'LR-TRANSIENT-BLACKHOLE',
      severity: 'info',
      phase,
      subjects: worst.map((t) => t.client),
      message: `While the routes converge into ${phase}, ${list.length} client${list.length === 1 ? '' : 's'} lose traffic for a while (longest: ${worst[0]?.client}, ${worst[0]?.blackholeMs} ms of simulated time).`,
      fix: 'Expected while UPDATEs travel; it grows with the fabric’s depth and the BGP timers.',
    });
  }
  return out;
}

export function outcomeDiagnostics(sim: Simulation): Diagnostic[] {
  return [...sessionDiagnostics(sim.net), ...flowDiagnostics(sim)];
}
