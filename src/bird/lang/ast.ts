/** The syntax tree of BIRD's filter language and configuration (the subset liveroute uses). */
import type { Prefix4 } from '../../lib/ip';
import type { Pos } from './lexer';

/** Where a node came from, and its source text (for "decided by" explanations). */
export interface Span extends Pos {
  readonly text: string;
}

export interface PrefixPattern {
  readonly prefix: Prefix4;
  readonly min: number;
  readonly max: number;
}

/** One element of an AS-path mask: a number, `*` (any sequence) or `?` (any one AS). */
export type PathMaskItem = { readonly k: 'asn'; readonly v: number } | { readonly k: 'any' } | { readonly k: 'one' };

export type Expr =
  | { readonly k: 'int'; readonly v: number; readonly at: Span }
  | { readonly k: 'bool'; readonly v: boolean; readonly at: Span }
  | { readonly k: 'ip'; readonly v: number; readonly at: Span }
  | { readonly k: 'ip6'; readonly v: string; readonly at: Span }
  | { readonly k: 'prefix'; readonly v: Prefix4; readonly at: Span }
  | { readonly k: 'str'; readonly v: string; readonly at: Span }
  | { readonly k: 'enum'; readonly v: string; readonly at: Span }
  | { readonly k: 'tuple'; readonly items: readonly Expr[]; readonly at: Span }
  | { readonly k: 'prefixSet'; readonly items: readonly PrefixPattern[]; readonly at: Span }
  | { readonly k: 'set'; readonly items: readonly Expr[]; readonly at: Span }
  | { readonly k: 'pathMask'; readonly items: readonly PathMaskItem[]; readonly at: Span }
  | { readonly k: 'sym'; readonly name: string; readonly at: Span }
  | { readonly k: 'defined'; readonly name: string; readonly at: Span }
  | { readonly k: 'unary'; readonly op: '!' | '-'; readonly e: Expr; readonly at: Span }
  | { readonly k: 'binary'; readonly op: string; readonly l: Expr; readonly r: Expr; readonly at: Span }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly at: Span }
  | { readonly k: 'member'; readonly target: Expr; readonly name: string; readonly at: Span };

export type Stmt =
  | { readonly k: 'if'; readonly cond: Expr; readonly then: Stmt; readonly else?: Stmt; readonly at: Span }
  | { readonly k: 'block'; readonly body: readonly Stmt[]; readonly at: Span }
  | { readonly k: 'accept'; readonly at: Span }
  | { readonly k: 'reject'; readonly at: Span }
  | { readonly k: 'return'; readonly e?: Expr; readonly at: Span }
  | { readonly k: 'assign'; readonly name: string; readonly e: Expr; readonly at: Span }
  | {
      readonly k: 'method';
      readonly target: string;
      readonly name: string;
      readonly args: readonly Expr[];
      readonly at: Span;
    }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly at: Span }
  | { readonly k: 'vardecl'; readonly type: string; readonly name: string; readonly at: Span }
  | { readonly k: 'print'; readonly at: Span };

export interface FunctionDef {
  readonly name: string;
  readonly params: readonly { readonly type: string; readonly name: string }[];
  readonly body: readonly Stmt[];
  readonly at: Span;
}

export interface FilterDef {
  readonly name: string;
  readonly body: readonly Stmt[];
  readonly at: Span;
}

/** A filter as a protocol or channel names it: `all`, `none`, a named filter, an inline body, `where expr`. */
export type FilterRef =
  | { readonly k: 'all' }
  | { readonly k: 'none' }
  | { readonly k: 'named'; readonly name: string; readonly at: Span }
  | { readonly k: 'inline'; readonly body: readonly Stmt[]; readonly at: Span }
  | { readonly k: 'where'; readonly cond: Expr; readonly at: Span };

/**
 * A protocol or template option: its words up to `;` (e.g. `neighbor 10.0.0.1 as 65001`),
 * or an import/export filter, or a nested block (a BIRD 2 channel, `debug { ... }`).
 */
export type OptionValue = string;

export interface Option {
  readonly words: readonly OptionValue[];
  readonly filter?: FilterRef;
  readonly block?: readonly Option[];
  readonly at: Span;
}

export interface ProtocolDef {
  readonly kind: 'protocol' | 'template';
  readonly type: string;
  readonly name: string | undefined;
  readonly from: string | undefined;
  readonly options: readonly Option[];
  readonly at: Span;
}

export interface BirdConfig {
  readonly functions: ReadonlyMap<string, FunctionDef>;
  readonly filters: ReadonlyMap<string, FilterDef>;
  readonly protocols: readonly ProtocolDef[];
  readonly templates: ReadonlyMap<string, ProtocolDef>;
  /** Global options (`router id 10.0.0.1`, `listen bgp ...`, `log ...`), in order. */
  readonly globals: readonly Option[];
  readonly defines: ReadonlyMap<string, Expr>;
}
