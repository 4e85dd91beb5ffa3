/**
 * What the simulation adds to the canvas at the instant shown: a card's client outcome (tinted
 * card plus a pill with icon and word) and the mark of the node that runs the VM; a rack box's
 * worst outcome. One subscription per store feeds every card (the marks hub): when the report,
 * phase, instant or highlight changes it recomputes the marks of the cards on screen, each a few
 * map lookups, and wakes only the cards whose marks changed. A thousand cards each running its
 * own store selectors on every frame of playback is what this replaces.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { shownFlows, vmHostOf, type Outcome } from '../../store/simulation';
import { useStores, type Stores } from '../context';
import { OutcomeBadge } from './outcome';

export interface SimMarks {
  readonly outcome: Outcome | undefined;
  /** The migrating VM's name when it runs on this node at the selected phase. */
  readonly vmHere: string | undefined;
  /** The migrating VM's name when the design places it here but it runs elsewhere at this phase. */
  readonly vmAway: string | undefined;
  /** The phase shown, where a mark names it (VM here or away); '' otherwise, so a phase change wakes only those. */
  readonly phase: string;
  /** A diagnostic the user clicked names this element. */
  readonly highlighted: boolean;
}

/** What every mark is computed from, taken once per change. */
export interface Shown {
  readonly flows: ReadonlyMap<string, { outcome: Outcome }> | undefined;
  readonly host: string | undefined;
  readonly vm: string | undefined;
  readonly from: string | undefined;
  readonly phase: string;
  readonly highlight: ReadonlySet<string>;
}

export function cardMarks(shown: Shown, name: string): SimMarks {
  const { host, vm } = shown;
  const vmHere = host === name ? vm : undefined;
  const vmAway = host !== undefined && host !== name && shown.from === name ? vm : undefined;
  return {
    outcome: shown.flows?.get(name)?.outcome,
    vmHere,
    vmAway,
    phase: vmHere || vmAway ? shown.phase : '',
    highlighted: shown.highlight.has(name),
  };
}

const sameMarks = (a: object, b: object) =>
  Object.keys(a).every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);

interface Entry {
  value: object;
  version: number;
  compute: (shown: Shown) => object;
  readonly listeners: Set<() => void>;
}

class MarksHub {
  private version = 0;
  private shownCache: Shown | undefined;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly stores: Stores) {
    stores.simulation.subscribe((s, prev) => {
      if (s.report !== prev.report || s.phase !== prev.phase || s.instant !== prev.instant) this.refresh();
    });
    stores.ui.subscribe((s, prev) => {
      if (s.highlight !== prev.highlight) this.refresh();
    });
  }

  private shown(): Shown {
    if (!this.shownCache) {
      const s = this.stores.simulation.getState();
      this.shownCache = {
        flows: shownFlows(s),
        host: vmHostOf(s),
        vm: s.report?.migration.vm,
        from: s.report?.migration.from,
        phase: s.phase,
        highlight: new Set(this.stores.ui.getState().highlight),
      };
    }
    return this.shownCache;
  }

  /** Recomputes the marks on screen; wakes only the elements whose marks changed. */
  private refresh(): void {
    this.version++;
    this.shownCache = undefined;
    const woken: (() => void)[] = [];
    for (const entry of this.entries.values()) {
      // An entry nobody listens to (a render React discarded) is brought up to date when read.
      if (entry.listeners.size > 0 && this.update(entry)) woken.push(...entry.listeners);
    }
    for (const wake of woken) wake();
  }

  private update(entry: Entry): boolean {
    if (entry.version === this.version) return false;
    entry.version = this.version;
    const next = entry.compute(this.shown());
    if (sameMarks(entry.value, next)) return false;
    entry.value = next;
    return true;
  }

  private entry(key: string, compute: (shown: Shown) => object): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { value: compute(this.shown()), version: this.version, compute, listeners: new Set() };
      this.entries.set(key, entry);
    } else if (entry.compute !== compute) {
      // The element's inputs changed (a rack's members): compute with the new ones.
      entry.compute = compute;
      entry.version = -1;
    }
    return entry;
  }

  subscribe(key: string, compute: (shown: Shown) => object, wake: () => void): () => void {
    const entry = this.entry(key, compute);
    entry.listeners.add(wake);
    return () => {
      entry.listeners.delete(wake);
      if (entry.listeners.size === 0 && this.entries.get(key) === entry) this.entries.delete(key);
    };
  }

  snapshot(key: string, compute: (shown: Shown) => object): object {
    const entry = this.entry(key, compute);
    this.update(entry);
    return entry.value;
  }
}

const hubs = new WeakMap<Stores, MarksHub>();
function hubOf(stores: Stores): MarksHub {
  let hub = hubs.get(stores);
  if (!hub) {
    hub = new MarksHub(stores);
    hubs.set(stores, hub);
  }
  return hub;
}

export function useMarks<T extends object>(key: string, compute: (shown: Shown) => T): T {
  const hub = hubOf(useStores());
  const subscribe = useCallback((wake: () => void) => hub.subscribe(key, compute, wake), [hub, key, compute]);
  const snapshot = useCallback(() => hub.snapshot(key, compute) as T, [hub, key, compute]);
  return useSyncExternalStore(subscribe, snapshot);
}

export function useSimMarks(name: string): SimMarks {
  const compute = useCallback((shown: Shown) => cardMarks(shown, name), [name]);
  return useMarks(`card:${name}`, compute);
}

/** The pills above the card's top edge. */
export function CardPills({ name, marks }: { name: string; marks: SimMarks }) {
  if (!marks.outcome && !marks.vmHere) return null;
  return (
    <div className="sim-pills">
      {marks.vmHere && (
        <span
          className="vm-pill"
          data-testid={`vmhost-${name}`}
          title={`${marks.vmHere} runs on ${name} in phase ${marks.phase}`}
        >
          ▣ {marks.vmHere} here
        </span>
      )}
      {marks.outcome && <OutcomeBadge outcome={marks.outcome} testId={`outcome-${name}`} />}
    </div>
  );
}
