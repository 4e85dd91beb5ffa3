/**
 * Checks of a parsed YAML document's shape before it becomes values: how deep it nests, and
 * whether a key is itself a mapping or a list (`? [a]\n: 1`). Converting such a key makes the
 * `yaml` package print a warning of its own and stringify the key; converting a document nested
 * thousands deep overflows the stack. Both are refused here, in words, with the offset of the
 * node. The walk keeps its own stack, so depth cannot overflow it.
 */
import { isAlias, isCollection, isDocument, isMap, isPair, isSeq, type Document, type Node } from 'yaml';

/** Deeper than any Calico object (a BGPFilter rule is about eight levels down). */
export const MAX_YAML_DEPTH = 64;

export interface ShapeProblem {
  readonly message: string;
  /** Offset in the text of the node at fault. */
  readonly offset: number | undefined;
}

const start = (node: unknown): number | undefined => (node as Node | undefined)?.range?.[0];

/** The first problem of shape in `doc`, or undefined. */
export function shapeProblem(doc: Document): ShapeProblem | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: isDocument(doc) ? doc.contents : undefined, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (node === null || node === undefined || isAlias(node)) continue;
    if (depth > MAX_YAML_DEPTH) return { message: `the text nests more than ${MAX_YAML_DEPTH} levels deep, which no Calico object does`, offset: start(node) };
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (isPair(node)) {
      if (isCollection(node.key)) return { message: 'a key is a mapping or a list; keys are plain names', offset: start(node.key) };
      stack.push({ node: node.value, depth });
    }
  }
  return undefined;
}
