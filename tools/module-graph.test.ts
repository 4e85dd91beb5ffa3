import { describe, expect, it } from 'vitest';
import { componentsOf, findChain, importsOfText } from './module-graph.js';

describe('the imports of a module, by what they do at run time', () => {
  it('tells loads, erased types, worker starts and assets apart', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C } from './c';",
      "export { d } from './d';",
      "export type { E } from './e';",
      "export * from './f';",
      "type G = typeof import('./g');",
      "const h = () => import('./h');",
      "const w = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });",
      "import EditorWorker from './editor.worker?worker';",
      "import yaml from './design.yaml?raw';",
      "import './styles.css';",
      "import { useState } from 'react';",
    ].join('\n');
    expect(importsOfText('probe.ts', text).map(({ spec, kind, line }) => `${line} ${kind} ${spec}`)).toEqual([
      '1 value ./a',
      '2 type ./b',
      // Under verbatimModuleSyntax the statement stays: the module loads.
      '3 value ./c',
      '4 value ./d',
      '5 type ./e',
      '6 value ./f',
      '7 type ./g',
      '8 value ./h',
      '9 worker ./engine.worker.ts',
      '10 worker ./editor.worker?worker',
      '11 asset ./design.yaml?raw',
      '12 asset ./styles.css',
      '13 value react',
    ]);
  });
});

describe('graph searches', () => {
  const next = new Map([
    ['a', ['b']],
    ['b', ['c', 'd']],
    ['c', ['a']],
    ['d', []],
  ]);

  it('finds the shortest chain to a node, and a way back to the start', () => {
    expect(
      findChain(
        'a',
        (n) => next.get(n) ?? [],
        (n) => n === 'd',
      ),
    ).toEqual(['a', 'b', 'd']);
    expect(
      findChain(
        'a',
        (n) => next.get(n) ?? [],
        (n) => n === 'a',
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findChain(
        'd',
        (n) => next.get(n) ?? [],
        (n) => n === 'a',
      ),
    ).toBeUndefined();
  });

  it('puts the nodes of a cycle in one component and the others alone', () => {
    const component = componentsOf(next);
    expect(new Set([component.get('a'), component.get('b'), component.get('c')]).size).toBe(1);
    expect(component.get('d')).not.toBe(component.get('a'));
  });
});
