/**
 * Golden files: the configs of the small design in golden/design.liveroute.yaml, for every
 * platform, compared byte for byte with golden/<platform>/<router>.txt. After a deliberate
 * change, regenerate with `LIVEROUTE_UPDATE_GOLDEN=1 npx vitest run src/config/golden.test.ts`
 * and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../model';
import { routerConfig } from './index';
import { goldenDesign, onPlatform } from './test-designs';
import { structuralProblems } from './test-structure';

const update = process.env.LIVEROUTE_UPDATE_GOLDEN === '1';

describe.each(PLATFORMS)('golden configs on %s', (platform) => {
  const doc = onPlatform(goldenDesign(), platform);
  it.each(doc.spec.routers.map((r) => r.name))('%s matches its golden file', (router) => {
    const file = path.join(import.meta.dirname, 'golden', platform, `${router}.txt`);
    const { text } = routerConfig(doc, router);
    if (update) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    expect(existsSync(file), `${file} is missing: run with LIVEROUTE_UPDATE_GOLDEN=1`).toBe(true);
    // toBe on strings prints a line diff on mismatch.
    expect(text).toBe(readFileSync(file, 'utf8'));
    expect(structuralProblems(text, platform)).toEqual([]);
  });
});
