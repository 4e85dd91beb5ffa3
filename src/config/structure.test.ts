/**
 * EOS, NX-OS and Junos have no checker here: their configs of the built-in, golden and 100
 * random designs must pass the structural checks (every referenced object defined, Junos braces
 * balanced), and those checks must catch what they claim to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designArb } from '../model/test-arbitrary';
import { generateFabric } from '../model/edit/generate';
import { routerConfigs } from './index';
import { builtInDesigns, goldenDesign, onPlatform } from './test-designs';
import { ciscoProblems, junosProblems, structuralProblems } from './test-structure';
import { renderEos, renderJunos, renderNxos, renderFrr } from './index';
import { compileRouter } from '../model';

describe('the structural checks catch broken references', () => {
  const model = compileRouter(goldenDesign(), 'tor-a');
  it('FRR: an undefined route-map, prefix list, community list or peer-group', () => {
    const text = renderFrr(model);
    expect(ciscoProblems(text, 'frr')).toEqual([]);
    expect(
      ciscoProblems(
        text
          .replace('route-map LR-IMPORT permit 10', 'route-map LR-IMPORTED permit 10')
          .replace('route-map LR-IMPORT permit 1000', 'route-map LR-IMPORTED permit 1000'),
        'frr',
      ),
    ).toEqual(['route-map LR-IMPORT is referenced but not defined']);
    expect(ciscoProblems(text.replace(/^ip prefix-list LR-POOL-HOST-ROUTES .*$/m, ''), 'frr')).toEqual([
      'prefix-list LR-POOL-HOST-ROUTES is referenced but not defined',
    ]);
    expect(ciscoProblems(text.replace(/^bgp community-list .*$/m, ''), 'frr')).toEqual([
      'community-list LR-COMMUNITY-65000-100 is referenced but not defined',
    ]);
    expect(ciscoProblems(text.replace(' neighbor calico-rack-a peer-group\n', ''), 'frr')).toContain(
      'peer-group calico-rack-a is referenced but not defined',
    );
  });
  it('EOS: an undefined peer filter or peer group', () => {
    const text = renderEos(model);
    expect(ciscoProblems(text, 'eos')).toEqual([]);
    expect(ciscoProblems(text.replace('peer-filter LR-AS-calico-rack-a\n', ''), 'eos')).toEqual([
      'peer-filter LR-AS-calico-rack-a is referenced but not defined',
    ]);
    expect(ciscoProblems(text.replace('   neighbor calico-rack-a peer group\n', ''), 'eos')).toContain(
      'peer group calico-rack-a is referenced but not defined',
    );
  });
  it('NX-OS: an undefined template or AS route-map', () => {
    const text = renderNxos(compileRouter(goldenDesign(), 'spine-1'));
    expect(ciscoProblems(text, 'nxos')).toEqual([]);
    expect(ciscoProblems(text.replace('  template peer calico-rack-b\n', ''), 'nxos')).toEqual([
      'template peer calico-rack-b is referenced but not defined',
    ]);
    expect(
      ciscoProblems(text.replace('route-map LR-AS-calico-rack-b permit 10', 'route-map LR-AS-other permit 10'), 'nxos'),
    ).toEqual(['route-map LR-AS-calico-rack-b is referenced but not defined']);
  });
  it('Junos: unbalanced braces, a line that is no statement, an undefined policy or community', () => {
    const text = renderJunos(model);
    expect(junosProblems(text)).toEqual([]);
    expect(junosProblems(text.replace('    }\n}\n', '    }\n'))).toEqual(['1 block(s) left open']);
    expect(junosProblems(text.replace('host-name tor-a;', 'host-name tor-a'))).toEqual([
      'line 6 is not a statement, block or comment: host-name tor-a',
    ]);
    expect(junosProblems(text.replace('policy-statement LR-NEXT-HOP-SELF {', 'policy-statement LR-NHS {'))).toEqual([
      'policy-statement LR-NEXT-HOP-SELF is referenced but not defined',
    ]);
    expect(junosProblems(text.replace(/^ {4}community LR-COMMUNITY-65000-100 .*$/m, ''))).toEqual([
      'community LR-COMMUNITY-65000-100 is referenced but not defined',
    ]);
  });
});

describe.each(['frr', 'eos', 'nxos', 'junos'] as const)('%s configs are structurally sound', (platform) => {
  it('for the built-in, golden, generated and 100 random designs', () => {
    const docs = [
      ...builtInDesigns().map((d) => d.doc),
      goldenDesign(),
      generateFabric({ racks: 3, nodesPerRack: 4, spines: 2, torsPerRack: 2, vms: 4 }),
      ...fc.sample(designArb, { numRuns: 100, seed: 20261121 }),
    ];
    const files = docs.flatMap((doc) => routerConfigs(onPlatform(doc, platform)));
    const problems = files.flatMap((f) => structuralProblems(f.text, platform).map((p) => `${f.fileName}: ${p}`));
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });
});
