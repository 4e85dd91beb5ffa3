// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { serializeDesign } from '../../model';
import { scenarioById } from '../../scenarios';
import { encodeShare } from '../../share/link';
import { createDesignStore } from '../../store/design';
import { createSimulationStore } from '../../store/simulation';
import { createUiStore } from '../../store/ui';
import type { Stores } from '../context';
import { inProcessClient } from '../diagnostics/test-support';
import { lessonOf } from '../lesson/workshop';
import { shareUrl } from './copyLink';
import { acceptSharedDesign, declineSharedDesign, openShareFromLocation } from './openShared';

const scenario = (id: string) => {
  const s = scenarioById(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s.doc;
};

function setup(): Stores {
  const design = createDesignStore(scenario('single-rack-mesh'));
  return {
    design,
    ui: createUiStore({ animate: false }),
    simulation: createSimulationStore(design, inProcessClient),
    worker: inProcessClient,
  };
}

const yaml = (s: Stores) => serializeDesign(s.design.getState().doc);
const undoSteps = (s: Stores) => s.design.temporal.getState().pastStates.length;

describe('opening a share link', () => {
  beforeEach(() => window.history.replaceState(null, '', '/app/?animate=0'));

  it('asks first; Open replaces the design as one undo step, keeps the lesson step and clears the fragment', async () => {
    const s = setup();
    const before = yaml(s);
    const shared = scenario('two-racks-ebgp');
    window.history.replaceState(null, '', `/app/?animate=0${encodeShare(shared, { step: 3 })}`);
    await openShareFromLocation(s);
    const dialog = s.ui.getState().dialog;
    expect(dialog.kind === 'share-open' && [dialog.doc.metadata.name, dialog.step]).toEqual(['two-racks-ebgp', 3]);
    expect(yaml(s)).toBe(before);
    if (dialog.kind !== 'share-open') return;
    acceptSharedDesign(s, dialog.doc, dialog.step);
    expect(yaml(s)).toBe(serializeDesign(shared));
    expect(undoSteps(s)).toBe(1);
    expect(s.ui.getState().pendingLessonStep).toBe(3);
    expect(s.ui.getState().dialog.kind).toBe('none');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe('/app/?animate=0');
    expect(s.ui.getState().notices.map((n) => n.text)).toEqual([
      'Opened the shared design “Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter”',
    ]);
  });

  it('Keep mine changes nothing but the address', async () => {
    const s = setup();
    const before = yaml(s);
    window.history.replaceState(null, '', `/app/${encodeShare(scenario('two-racks-ebgp'))}`);
    await openShareFromLocation(s);
    declineSharedDesign(s);
    expect(yaml(s)).toBe(before);
    expect(undoSteps(s)).toBe(0);
    expect(s.ui.getState().pendingLessonStep).toBeUndefined();
    expect(window.location.hash).toBe('');
  });

  it('refuses a broken link with a notice and leaves the design as it was', async () => {
    const s = setup();
    const before = yaml(s);
    window.history.replaceState(null, '', '/app/#lr1=ab!c');
    await openShareFromLocation(s);
    expect(s.ui.getState().dialog.kind).toBe('none');
    expect(s.ui.getState().notices.map((n) => `${n.kind}: ${n.text}`)).toEqual([
      'error: The share link is damaged: its data is not base64url (unexpected "!" at character 3). The current design was not changed.',
    ]);
    expect(yaml(s)).toBe(before);
    expect(window.location.hash).toBe('');
  });

  it('ignores fragments that are not share links', async () => {
    const s = setup();
    window.history.replaceState(null, '', '/app/#section');
    await openShareFromLocation(s);
    expect(s.ui.getState().notices).toEqual([]);
    expect(window.location.hash).toBe('#section');
  });

  it('builds the link from the page address and the design', () => {
    const s = setup();
    const url = shareUrl(s, { origin: 'https://example.test', pathname: '/liveroute/' });
    expect(url).toEqual({
      ok: true,
      url: `https://example.test/liveroute/${encodeShare(scenario('single-rack-mesh'))}`,
    });
  });

  it('carries the lesson step on screen while the design’s lesson is open', () => {
    const s = setup();
    const doc = scenario('single-rack-mesh');
    const lesson = doc.lesson;
    if (!lesson) throw new Error('single-rack-mesh has no lesson');
    lessonOf(s).getState().start(lesson, doc.metadata.name, 2);
    const url = shareUrl(s, { origin: 'https://example.test', pathname: '/' });
    expect(url).toEqual({ ok: true, url: `https://example.test/${encodeShare(doc, { step: 2 })}`, step: 2 });
    expect(url.ok && url.url.endsWith('&step=2')).toBe(true);
    lessonOf(s).getState().close();
    expect(shareUrl(s, { origin: 'https://example.test', pathname: '/' })).toEqual({
      ok: true,
      url: `https://example.test/${encodeShare(doc)}`,
    });
  });
});
