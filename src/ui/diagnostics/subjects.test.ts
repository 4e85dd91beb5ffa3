import { describe, expect, it } from 'vitest';
import { scenarioById } from '../../scenarios';
import type { Topology } from '../../model';
import { highlightOf, resolveSubject, subjectTitle } from './subjects';

const doc = (id: string): Topology => {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return scenario.doc;
};

const summary = (d: Topology, name: string) => {
  const t = resolveSubject(d, name);
  return {
    kind: t.kind,
    label: t.label,
    highlight: t.highlight,
    select: t.select,
    reveal: t.reveal,
    inspect: t.inspect,
  };
};

describe('a subject in the design', () => {
  const design = doc('two-racks-ebgp');

  it('selects, highlights and reveals canvas elements by name', () => {
    expect(summary(design, 'node-a1')).toEqual({
      kind: 'node',
      label: 'node',
      highlight: ['node-a1'],
      select: ['node-a1'],
      reveal: 'node-a1',
      inspect: undefined,
    });
    expect(summary(design, 'tor-a')).toEqual({
      kind: 'router',
      label: 'ToR',
      highlight: ['tor-a'],
      select: ['tor-a'],
      reveal: 'tor-a',
      inspect: undefined,
    });
    expect(summary(design, 'spine-1').label).toBe('spine');
    expect(summary(design, 'border-1').label).toBe('border');
    expect(summary(design, 'rack-b')).toEqual({
      kind: 'rack',
      label: 'rack',
      highlight: ['rack-b'],
      select: ['rack-b'],
      reveal: 'rack-b',
      inspect: undefined,
    });
  });

  it('maps a BGPPeer to its peer: id, selected on the canvas and open in the inspector', () => {
    expect(summary(design, 'rack-a-tor')).toEqual({
      kind: 'peer',
      label: 'BGPPeer',
      highlight: ['peer:rack-a-tor'],
      select: ['peer:rack-a-tor'],
      reveal: undefined,
      inspect: ['peer:rack-a-tor'],
    });
  });

  it('maps a BGPFilter to its filter: id, which only the inspector shows', () => {
    expect(summary(design, 'kubevirt-live-migration')).toEqual({
      kind: 'filter',
      label: 'BGPFilter',
      highlight: ['filter:kubevirt-live-migration'],
      select: undefined,
      reveal: undefined,
      inspect: ['filter:kubevirt-live-migration'],
    });
  });

  it('opens the design settings for the cluster and marks names that are gone', () => {
    expect(summary(design, 'cluster')).toEqual({
      kind: 'cluster',
      label: 'settings',
      highlight: [],
      select: undefined,
      reveal: undefined,
      inspect: [],
    });
    expect(summary(design, 'node-z9')).toEqual({
      kind: 'missing',
      label: 'gone',
      highlight: [],
      select: undefined,
      reveal: undefined,
      inspect: undefined,
    });
    expect(subjectTitle(resolveSubject(design, 'node-z9'), 'live')).toBe('node-z9 is no longer in the design');
  });

  it('prefers the canvas element when a BGPPeer has the same name', () => {
    const d = structuredClone(design);
    const peer = d.spec.calicoResources.find((r) => r.metadata.name === 'rack-a-tor');
    if (!peer) throw new Error('fixture');
    peer.metadata.name = 'tor-a';
    expect(resolveSubject(d, 'tor-a').kind).toBe('router');
  });

  it('says the phase a click shows', () => {
    expect(subjectTitle(resolveSubject(design, 'node-a1'), 'live')).toBe(
      'Calico node node-a1: highlight and select it on the canvas and show the live phase',
    );
    expect(subjectTitle(resolveSubject(design, 'tor-a'), undefined)).toBe(
      'Router tor-a (ToR): highlight and select it on the canvas',
    );
  });

  it('highlights every subject once for "highlight all"', () => {
    const targets = ['rack-a-tor', 'tor-a', 'rack-b-tor', 'tor-b', 'tor-a', 'cluster'].map((n) =>
      resolveSubject(design, n),
    );
    expect(highlightOf(targets)).toEqual(['peer:rack-a-tor', 'tor-a', 'peer:rack-b-tor', 'tor-b']);
  });
});
