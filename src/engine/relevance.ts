/**
 * Which speakers one speaker's table depends on. A route reaches `target` only along channels
 * whose receiver keeps it; a channel that can carry only routes its sender learned from peers of
 * the receiver's own AS carries nothing the receiver accepts (BGP's AS-path loop check, with no
 * `allow local as`). Calico nodes in a leaf-spine fabric are such senders: everything they learn
 * comes from their rack's ToRs, so what they hand back is refused, and for a prefix they do not
 * originate they change no other speaker's table. The rule holds only while no filter can take
 * an AS out of a path (`bgp_path = ...`); when some BIRD text assigns bgp_path, every speaker counts.
 */
import type { Channel, Network } from './network';

/** Some BIRD configuration may rewrite a path (and so hide an AS from the loop check). */
function pathsMayShrink(net: Network): boolean {
  for (const text of net.birdText.values()) if (/\bbgp_path\s*=(?!=)/.test(text)) return true;
  return false;
}

export class Relevance {
  /** Established channels arriving at each speaker. */
  private readonly incoming = new Map<string, Channel[]>();
  /** Channels that can carry a route their sender learned (rather than originated). */
  private readonly carriesLearned = new Set<Channel>();
  /** The speakers relevant for a prefix nobody outside them originates. */
  readonly base: ReadonlySet<string>;

  constructor(
    readonly net: Network,
    readonly target: string,
  ) {
    for (const list of net.outgoing.values()) {
      for (const ch of list) {
        const into = this.incoming.get(ch.to.speaker) ?? [];
        into.push(ch);
        this.incoming.set(ch.to.speaker, into);
      }
    }
    const shrink = pathsMayShrink(net);
    for (const list of net.outgoing.values()) {
      for (const ch of list) {
        // Every route the sender learned holds the AS of the peer it came from (prepended on eBGP).
        const refused =
          !shrink &&
          ch.to.allowLocalAs === 0 &&
          (this.incoming.get(ch.from.speaker) ?? []).every(
            (inn) => inn.from.ebgp && inn.from.localAs === ch.to.localAs,
          );
        if (!refused) this.carriesLearned.add(ch);
      }
    }
    const base = new Set([target]);
    this.close(base, [target], new Set());
    this.base = base;
  }

  /** Adds to `set` every speaker with a channel that can carry something into it. */
  private close(set: Set<string>, queue: string[], originators: ReadonlySet<string>): void {
    while (queue.length > 0) {
      const name = queue.pop() as string;
      for (const ch of this.incoming.get(name) ?? []) {
        const from = ch.from.speaker;
        if (set.has(from) || !(originators.has(from) || this.carriesLearned.has(ch))) continue;
        set.add(from);
        queue.push(from);
      }
    }
  }

  /** The speakers to simulate for a prefix that `originators` originate. */
  speakersFor(originators: ReadonlySet<string>): ReadonlySet<string> {
    if ([...originators].every((o) => this.base.has(o))) return this.base;
    const set = new Set(this.base);
    // An originator outside counts when it sends into the set; what feeds it may count then too.
    const queue: string[] = [];
    for (const o of originators) {
      if (set.has(o) || !(this.net.outgoing.get(o) ?? []).some((ch) => set.has(ch.to.speaker))) continue;
      set.add(o);
      queue.push(o);
    }
    this.close(set, queue, originators);
    return set;
  }
}
