/** routerConfig / routerConfigs: one file per router, named for its platform, in name order. */
import { describe, expect, it } from 'vitest';
import { compileRouter, PLATFORMS } from '../model';
import { renderBirdRouter } from '../bird/router';
import { renderRouterConfig, routerConfig, routerConfigs, routerFileName } from './index';
import { goldenDesign, onPlatform } from './test-designs';

describe('router config files', () => {
  it('names each file after the router and its platform', () => {
    expect(PLATFORMS.map((p) => routerFileName('tor-a', p))).toEqual([
      'routers/tor-a.bird.conf',
      'routers/tor-a.bird2.conf',
      'routers/tor-a.frr.conf',
      'routers/tor-a.eos.cfg',
      'routers/tor-a.nxos.cfg',
      'routers/tor-a.junos.conf',
    ]);
  });

  it("dispatches on each router's own platform", () => {
    const doc = goldenDesign();
    const platforms = { 'tor-a': 'frr', 'tor-b': 'bird2', 'spine-1': 'junos' } as const;
    for (const r of doc.spec.routers) r.platform = platforms[r.name as keyof typeof platforms];
    const files = routerConfigs(doc);
    expect(files.map((f) => [f.fileName, f.platform])).toEqual([
      ['routers/spine-1.junos.conf', 'junos'],
      ['routers/tor-a.frr.conf', 'frr'],
      ['routers/tor-b.bird2.conf', 'bird2'],
    ]);
    expect(files[2]?.text).toBe(renderBirdRouter(compileRouter(doc, 'tor-b'), 2).text);
    expect(routerConfig(doc, 'tor-a')).toEqual(files[1]);
  });

  it('prints the same model for every platform (each names every session of the model)', () => {
    for (const platform of PLATFORMS) {
      const doc = onPlatform(goldenDesign(), platform);
      for (const router of doc.spec.routers) {
        const model = compileRouter(doc, router.name);
        const text = renderRouterConfig(model);
        expect(
          text.startsWith(
            platform === 'junos'
              ? `/* ${router.name}: `
              : `${platform.startsWith('bird') ? '#' : '!'} ${router.name}: `,
          ),
        ).toBe(true);
        for (const n of model.neighbors) expect(text).toContain(n.address);
        for (const g of model.nodeGroups) for (const m of g.members) expect(text).toContain(m.name);
      }
    }
  });

  it('throws on an unknown router', () => {
    expect(() => routerConfig(goldenDesign(), 'nope')).toThrow('unknown router nope');
  });
});
