/**
 * Executes BIRD filters on a route, as BIRD 1.x does (domain §5.1): `accept`/`reject` end the
 * whole filter, also from inside a function; `return` leaves only the function; an undefined
 * attribute reads as void (empty for community lists), and using it where a value is needed, a
 * type error or reaching the end of a filter is a runtime error: the route is rejected. The
 * outcome says which statement decided, and under which condition.
 */
import type { BirdConfig, Expr, FilterRef, Span, Stmt } from './ast';
import { BUILTIN_ATTRIBUTES, ROUTE_ATTRIBUTES, type MutableRoute, type Route } from './route';
import { bool, compare, FilterRuntimeError, int, matches, same, show, type Value } from './values';

export interface Decision {
  /** `statement`: an accept/reject; `error`: a runtime error; `end`: fell off the end; `all`/`none`/`where`. */
  readonly kind: 'statement' | 'error' | 'end' | 'all' | 'none' | 'where';
  /** The accept or reject that ended the filter, or the failing expression. */
  readonly at?: Span;
  /** The innermost `if` whose branch led to it. */
  readonly condition?: Span;
  /** Functions active when it happened, outermost first. */
  readonly functions: readonly string[];
  readonly message?: string;
  /** The attributes the filter set on the way, in order (absent: it set none). */
  readonly changes?: readonly AttributeChange[];
  /** Which top-level statement of the innermost function (or of the filter) it was in, from 1. */
  readonly rule?: number;
}

/** An attribute a filter statement set: `preference = 200;`, `bgp_community.add((65000,100));`. */
export interface AttributeChange {
  readonly attribute: string;
  /** The statement. */
  readonly at: Span;
  /** The innermost `if` whose branch holds it. */
  readonly condition?: Span;
  /** Functions active, outermost first. */
  readonly functions: readonly string[];
  /** Which top-level statement of the innermost function (or of the filter) holds it, from 1. */
  readonly rule?: number;
}

export interface FilterOutcome {
  readonly verdict: 'accept' | 'reject';
  readonly route: Route;
  readonly decision: Decision;
}

class Terminate {
  constructor(
    readonly verdict: 'accept' | 'reject',
    readonly at: Span,
  ) {}
}
class Return {
  constructor(readonly value: Value) {}
}

const MAX_CALL_DEPTH = 64;

class Machine {
  readonly conditions: Span[] = [];
  readonly changes: AttributeChange[] = [];
  /** Per active function (and the filter body), the index of the top-level statement running. */
  readonly rules: number[] = [];
  readonly functions: string[] = [];
  readonly scopes: Map<string, Value>[] = [];
  errorAt: Span | undefined;

  constructor(
    readonly cfg: BirdConfig,
    readonly route: MutableRoute,
  ) {}

  readAttribute(name: string): Value {
    const r = this.route;
    switch (name) {
      case 'net':
        return { t: 'prefix', v: r.net };
      case 'source':
        return { t: 'enum', v: r.source };
      case 'dest':
        return { t: 'enum', v: r.dest };
      case 'preference':
        return int(r.preference);
      case 'ifname':
        return { t: 'string', v: r.ifname };
      case 'bgp_community':
        return { t: 'clist', v: r.bgp_community ?? [] };
      case 'bgp_large_community':
        return { t: 'lclist', v: r.bgp_large_community ?? [] };
      case 'bgp_path':
        return r.bgp_path ? { t: 'path', v: r.bgp_path } : { t: 'void' };
    }
    const v = r[name as keyof Route];
    // BIRD 1.6 reads an undefined attribute as void (filter.c, FI_EA_GET): using it in
    // arithmetic, `~`, `if` or a method is a runtime error, `<` orders it below any value.
    if (v === undefined) return { t: 'void' };
    return name === 'gw' || name === 'bgp_next_hop' ? { t: 'ip', v: v as number } : int(v as number);
  }

  writeAttribute(name: string, value: Value, at: Span): void {
    const r = this.route;
    const needInt = () => {
      if (value.t !== 'int') this.fail(at, `${name} takes an int, not ${value.t}`);
      return value.v;
    };
    switch (name) {
      case 'preference': {
        const v = needInt();
        if (v < 0 || v > 65535) this.fail(at, `preference ${v} out of range`);
        r.preference = v;
        return;
      }
      case 'krt_metric':
      case 'bgp_local_pref':
      case 'bgp_med':
      case 'bgp_origin':
        r[name] = needInt() >>> 0;
        return;
      case 'bgp_community':
        if (value.t !== 'clist') this.fail(at, 'bgp_community takes a clist');
        r.bgp_community = value.v;
        return;
      case 'bgp_large_community':
        if (value.t !== 'lclist') this.fail(at, 'bgp_large_community takes an lclist');
        r.bgp_large_community = value.v;
        return;
      case 'bgp_path':
        if (value.t !== 'path') this.fail(at, 'bgp_path takes a path');
        r.bgp_path = value.v;
        return;
      case 'bgp_next_hop':
      case 'gw':
        if (value.t !== 'ip') this.fail(at, `${name} takes an ip`);
        r[name] = value.v;
        return;
    }
    this.fail(at, `attribute ${name} cannot be set`);
  }

  fail(at: Span, message: string): never {
    this.errorAt ??= at;
    throw new FilterRuntimeError(message);
  }

  lookup(name: string, at: Span): Value {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]?.get(name);
      if (v !== undefined) return v;
    }
    const defined = this.cfg.defines.get(name);
    if (defined) return this.eval(defined);
    if (ROUTE_ATTRIBUTES.has(name)) return this.readAttribute(name);
    return this.fail(at, `${name}: unknown symbol`);
  }

  eval(e: Expr): Value {
    switch (e.k) {
      case 'int':
        return int(e.v);
      case 'bool':
        return bool(e.v);
      case 'ip':
        return { t: 'ip', v: e.v };
      case 'ip6':
        return { t: 'string', v: e.v };
      case 'prefix':
        return { t: 'prefix', v: e.v };
      case 'str':
        return { t: 'string', v: e.v };
      case 'enum':
        return { t: 'enum', v: e.v };
      case 'prefixSet':
        return { t: 'prefixSet', v: e.items };
      case 'pathMask':
        return { t: 'pathMask', v: e.items };
      case 'set':
        return { t: 'set', v: e.items.map((x) => this.eval(x)) };
      case 'tuple': {
        const parts = e.items.map((x) => (x.k === 'enum' && x.v === '*' ? '*' : this.eval(x)));
        const nums = parts.map((p) =>
          p === '*' ? '*' : p.t === 'int' ? p.v : this.fail(e.at, `a community part must be a number, not ${p.t}`),
        );
        if (nums.length === 2) return { t: 'pair', a: nums[0] as number, b: nums[1] as number };
        if (nums.length === 3) return { t: 'lc', a: nums[0] as number, b: nums[1] as number, c: nums[2] as number };
        return this.fail(e.at, 'a tuple has two or three parts');
      }
      case 'sym':
        return this.lookup(e.name, e.at);
      case 'defined': {
        if (this.scopes.some((s) => s.has(e.name))) return bool(true);
        if (BUILTIN_ATTRIBUTES.has(e.name)) return bool(true);
        return bool(this.route[e.name as keyof Route] !== undefined);
      }
      case 'unary': {
        const v = this.eval(e.e);
        if (e.op === '!') {
          if (v.t !== 'bool') this.fail(e.at, `! needs a bool, not ${v.t}`);
          return bool(!v.v);
        }
        if (v.t !== 'int') this.fail(e.at, `- needs an int, not ${v.t}`);
        return int(-v.v);
      }
      case 'binary':
        return this.binary(e);
      case 'call':
        return this.call(e.name, e.args, e.at);
      case 'member': {
        const target = this.eval(e.target);
        if (e.name === 'len' && (target.t === 'path' || target.t === 'clist' || target.t === 'lclist'))
          return int(target.v.length);
        if (e.name === 'len' && target.t === 'prefix') return int(target.v.len);
        if (e.name === 'ip' && target.t === 'prefix') return { t: 'ip', v: target.v.addr };
        if ((e.name === 'first' || e.name === 'last') && target.t === 'path') {
          const v = e.name === 'first' ? target.v[0] : target.v[target.v.length - 1];
          return v === undefined ? this.fail(e.at, 'empty path') : int(v);
        }
        return this.fail(e.at, `${show(target)} has no .${e.name}`);
      }
    }
  }

  binary(e: Extract<Expr, { k: 'binary' }>): Value {
    if (e.op === '&&' || e.op === '||') {
      const l = this.eval(e.l);
      if (l.t !== 'bool') this.fail(e.at, `${e.op} needs bools, not ${l.t}`);
      if (e.op === '&&' ? !l.v : l.v) return l; // BIRD evaluates && and || lazily
      const r = this.eval(e.r);
      if (r.t !== 'bool') this.fail(e.at, `${e.op} needs bools, not ${r.t}`);
      return r;
    }
    const l = this.eval(e.l);
    const r = this.eval(e.r);
    try {
      switch (e.op) {
        case '=':
          return bool(same(l, r));
        case '!=':
          return bool(!same(l, r));
        case '~':
          return bool(matches(l, r));
        case '!~':
          return bool(!matches(l, r));
        case '<':
        case '>':
        case '<=':
        case '>=':
          return bool(compare(l, r, e.op));
        case '+':
        case '-':
        case '*':
        case '/': {
          if (l.t !== 'int' || r.t !== 'int') throw new FilterRuntimeError(`${e.op} needs ints, not ${l.t} and ${r.t}`);
          if (e.op === '/' && r.v === 0) throw new FilterRuntimeError('division by zero');
          const v =
            e.op === '+' ? l.v + r.v : e.op === '-' ? l.v - r.v : e.op === '*' ? l.v * r.v : Math.trunc(l.v / r.v);
          return int(v | 0);
        }
      }
    } catch (err) {
      if (err instanceof FilterRuntimeError) this.fail(e.at, err.message);
      throw err;
    }
    return this.fail(e.at, `unknown operator ${e.op}`);
  }

  call(name: string, args: readonly Expr[], at: Span): Value {
    const fn = this.cfg.functions.get(name);
    if (!fn) return this.fail(at, `${name}: unknown function`);
    if (fn.params.length !== args.length)
      this.fail(at, `${name} takes ${fn.params.length} arguments, not ${args.length}`);
    if (this.functions.length >= MAX_CALL_DEPTH) this.fail(at, 'functions nested too deeply');
    const scope = new Map<string, Value>();
    fn.params.forEach((p, i) => scope.set(p.name, this.eval(args[i] as Expr)));
    this.scopes.push(scope);
    this.functions.push(name);
    const depth = this.conditions.length;
    try {
      this.body(fn.body);
      return { t: 'void' };
    } catch (signal) {
      if (signal instanceof Return) return signal.value;
      throw signal;
    } finally {
      this.scopes.pop();
      // An accept/reject or a runtime error ends the filter here: the decision keeps the stacks.
      if (!this.terminating && this.errorAt === undefined) {
        this.functions.pop();
        this.rules.pop();
        this.conditions.length = depth;
      }
    }
  }

  changed(attribute: string, at: Span): void {
    const condition = this.conditions[this.conditions.length - 1];
    const rule = this.rules[this.rules.length - 1];
    this.changes.push({
      attribute,
      at,
      functions: [...this.functions],
      ...(condition ? { condition } : {}),
      ...(rule ? { rule } : {}),
    });
  }

  /** Set while a Terminate unwinds, so the decision keeps the function and condition stacks. */
  terminating = false;

  block(stmts: readonly Stmt[]): void {
    for (const s of stmts) this.exec(s);
  }

  /** A function's or filter's body: its top-level statements are its rules. */
  body(stmts: readonly Stmt[]): void {
    const level = this.rules.push(0) - 1;
    for (const [i, s] of stmts.entries()) {
      this.rules[level] = i + 1;
      this.exec(s);
    }
  }

  exec(s: Stmt): void {
    switch (s.k) {
      case 'if': {
        const c = this.eval(s.cond);
        if (c.t !== 'bool') this.fail(s.at, `if needs a bool, not ${c.t}`);
        const branch = c.v ? s.then : s.else;
        if (!branch) return;
        this.conditions.push(s.at);
        this.exec(branch);
        if (!this.terminating) this.conditions.pop();
        return;
      }
      case 'block':
        return this.block(s.body);
      case 'accept':
      case 'reject':
        this.terminating = true;
        throw new Terminate(s.k, s.at);
      case 'return':
        throw new Return(s.e ? this.eval(s.e) : { t: 'void' });
      case 'assign': {
        const v = this.eval(s.e);
        for (let i = this.scopes.length - 1; i >= 0; i--) {
          const scope = this.scopes[i] as Map<string, Value>;
          if (scope.has(s.name)) return void scope.set(s.name, v);
        }
        this.writeAttribute(s.name, v, s.at);
        return this.changed(s.name, s.at);
      }
      case 'method':
        this.method(s);
        return this.changed(s.target, s.at);
      case 'call':
        this.call(s.name, s.args, s.at);
        return;
      case 'vardecl':
        this.scopes[this.scopes.length - 1]?.set(s.name, { t: 'void' });
        return;
      case 'print':
        return;
    }
  }

  method(s: Extract<Stmt, { k: 'method' }>): void {
    const arg = s.args[0] ? this.eval(s.args[0]) : undefined;
    const r = this.route;
    if (s.target === 'bgp_path' && s.name === 'prepend') {
      if (!r.bgp_path) return this.fail(s.at, "Can't prepend to non-path (bgp_path is undefined)");
      if (arg?.t !== 'int') return this.fail(s.at, 'prepend takes an AS number');
      r.bgp_path = [arg.v, ...r.bgp_path];
      return;
    }
    if (
      (s.target === 'bgp_community' || s.target === 'bgp_large_community') &&
      (s.name === 'add' || s.name === 'delete')
    ) {
      const large = s.target === 'bgp_large_community';
      const list = (large ? r.bgp_large_community : r.bgp_community) ?? [];
      const items = arg?.t === 'set' ? arg.v : arg ? [arg] : [];
      let next = [...list];
      for (const item of items) {
        if (item.t !== (large ? 'lc' : 'pair'))
          return this.fail(s.at, `${s.target}.${s.name} takes ${large ? '(a, b, c)' : '(a, b)'}`);
        if (s.name === 'add') {
          if (item.a === '*' || item.b === '*' || (item.t === 'lc' && item.c === '*'))
            return this.fail(s.at, 'cannot add a wildcard community');
          const key = item.t === 'lc' ? `${item.a}:${item.b}:${item.c}` : `${item.a}:${item.b}`;
          if (!next.includes(key)) next.push(key);
        } else {
          next = next.filter((k) => !matches(item, { t: large ? 'lclist' : 'clist', v: [k] }));
        }
      }
      if (large) r.bgp_large_community = next;
      else r.bgp_community = next;
      return;
    }
    this.fail(s.at, `${s.target}.${s.name}() is not supported`);
  }
}

function outcome(
  verdict: 'accept' | 'reject',
  m: Machine,
  decision: Omit<Decision, 'functions'> & { functions?: readonly string[] },
): FilterOutcome {
  return {
    verdict,
    route: m.route,
    decision: { functions: [...m.functions], ...decision, ...(m.changes.length > 0 ? { changes: m.changes } : {}) },
  };
}

/** Runs a filter (as a protocol names it) on a copy of `route`. */
export function runFilter(cfg: BirdConfig, ref: FilterRef, route: Route): FilterOutcome {
  const m = new Machine(cfg, { ...route });
  if (ref.k === 'all') return outcome('accept', m, { kind: 'all' });
  if (ref.k === 'none') return outcome('reject', m, { kind: 'none' });
  try {
    if (ref.k === 'where') {
      const v = m.eval(ref.cond);
      if (v.t !== 'bool')
        return outcome('reject', m, { kind: 'error', at: ref.at, message: 'runtime error: where needs a bool' });
      return outcome(v.v ? 'accept' : 'reject', m, { kind: 'where', at: ref.at });
    }
    const body = ref.k === 'inline' ? ref.body : cfg.filters.get(ref.name)?.body;
    if (!body)
      return outcome('reject', m, {
        kind: 'error',
        at: ref.at,
        message: `filter ${ref.k === 'named' ? ref.name : ''} not found`,
      });
    m.scopes.push(new Map());
    m.body(body);
    return outcome('reject', m, {
      kind: 'end',
      message: 'the filter ended without accept or reject: the route is rejected',
    });
  } catch (signal) {
    if (signal instanceof Terminate) {
      const condition = m.conditions[m.conditions.length - 1];
      const rule = m.rules[m.rules.length - 1];
      return outcome(signal.verdict, m, {
        kind: 'statement',
        at: signal.at,
        ...(condition ? { condition } : {}),
        ...(rule ? { rule } : {}),
      });
    }
    if (signal instanceof FilterRuntimeError) {
      return outcome('reject', m, {
        kind: 'error',
        message: `runtime error: ${signal.message}`,
        ...(m.errorAt ? { at: m.errorAt } : {}),
      });
    }
    if (signal instanceof Return) return outcome('reject', m, { kind: 'error', message: 'return outside a function' });
    throw signal;
  }
}
