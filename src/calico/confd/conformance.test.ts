/**
 * Calico's own golden files (third_party/calico/confd, copied from Calico): for every case, the three IPv4
 * files rendered for kube-master must equal confd's, blank lines ignored (the README's harness).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCalicoNode } from './index';
import { conformanceCases, FILES, NODENAME, normalizeBlankLines } from './test-conformance';

const KEYS = { 'bird.cfg': 'birdCfg', 'bird_aggr.cfg': 'birdAggrCfg', 'bird_ipam.cfg': 'birdIpamCfg' } as const;

const cases = conformanceCases();
let equal = 0;
const differing: string[] = [];

describe('calico confd conformance', () => {
  afterAll(() => {
    console.log(
      `calico confd conformance: ${cases.length} cases, ${equal} of ${cases.length * FILES.length} files equal${differing.length > 0 ? `; different: ${differing.join(', ')}` : ''}`,
    );
  });

  it('finds every case of the README', () => {
    const names = cases.map((c) => c.name);
    expect(names).toContain('bgpfilter/export_only/explicit_peer');
    expect(names).toContain('bgpfilter/filter_deletion/step2');
    expect(names).toContain('bgpfilter/node_mesh/priority3');
    expect(names).toContain('mesh/bgp-export');
    expect(names.filter((n) => n.startsWith('bgpfilter/'))).toHaveLength(27);
    expect(cases).toHaveLength(35);
  });

  for (const c of cases) {
    it(c.name, () => {
      const out = renderCalicoNode(c.set, NODENAME, c.options);
      for (const file of FILES) {
        const expected = normalizeBlankLines(fs.readFileSync(path.join(c.dir, file), 'utf8'));
        const actual = normalizeBlankLines(out[KEYS[file]]);
        if (actual === expected) equal++;
        else differing.push(`${c.name}/${file}`);
        expect.soft(actual, `${c.name}/${file}`).toBe(expected);
      }
    });
  }
});
