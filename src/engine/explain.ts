/**
 * Route tables that explain themselves (DESIGN §2): the words next to each RIB candidate and
 * each kernel route. The decisive best-path step comes from bestpath.ts; this adds where the
 * deciding value came from (the filter rule that set it, or BIRD's protocol default), names
 * filters the way users know them (a BGPFilter and its rule, Calico's own functions), and says
 * why a kernel route forwards or not.
 */
import type { AttributeChange, Decision } from '../bird/lang/interpreter';
import { formatPrefix4 } from '../lib/ip';
import { compareRoutes, type Step } from './bestpath';
import type { FibEntry } from './fib';
import type { RibRoute } from './types';

/** BIRD's default route preference per protocol. */
const DEFAULT_PREFERENCE: Readonly<Record<RibRoute['proto'], number>> = {
  direct: 240,
  static: 200,
  bgp: 100,
  kernel: 10,
};
const PROTOCOL_ROUTES: Readonly<Record<RibRoute['proto'], string>> = {
  direct: 'interface routes',
  static: 'static routes',
  bgp: 'BGP routes',
  kernel: "routes learned from the kernel (Felix's)",
};
/** LOCAL_PREF = 2147483647 − priority (domain §4): Calico's mapping both ways. */
const PRIORITY_BASE = 2147483647;

/** Where a filter statement sits, as users name it: `BGPFilter kubevirt-live-migration importV4 rule 1`. */
export function filterPlace(functions: readonly string[], rule: number | undefined, fallback: string): string {
  const fn = functions[functions.length - 1];
  const at = rule ? ` rule ${rule}` : '';
  if (!fn) return `${fallback}${rule ? ` (statement ${rule})` : ''}`;
  const calico = /^bgp_(.+)_(import|export)FilterV[46]$/.exec(fn);
  if (calico) return `BGPFilter ${calico[1] as string} ${calico[2] as string}V4${at}`;
  if (fn.startsWith('calico_') || fn === 'reject_local_routes' || fn === 'apply_communities') return `Calico's ${fn}()`;
  return `function ${fn}()${at}`;
}

/** A BIRD condition in words where the pattern is a known one, else the condition itself. */
export function conditionPhrase(text: string): string {
  const cond = text
    .replace(/^if\s+/, '')
    .replace(/\s+then[\s\S]*$/, '')
    .trim();
  const community = /\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*~\s*bgp_community/.exec(cond);
  if (community) return `it carries community ${community[1] as string}:${community[2] as string}`;
  const above = /bgp_local_pref\s*>\s*(\d+)/.exec(cond);
  if (above)
    return `its LOCAL_PREF is above ${above[1] as string} (priority below ${PRIORITY_BASE - Number(above[1])}: elevated)`;
  const priority = /krt_metric\s*(<|=)\s*(\d+)/.exec(cond);
  if (priority)
    return `its priority (krt_metric) is ${priority[1] === '<' ? 'below' : ''} ${priority[2] as string}`.replace(
      'is  ',
      'is ',
    );
  return cond;
}

/** `bgp_local_pref = 2147483135; by BGPFilter x importV4 rule 1, as it carries community 65000:100`. */
export function describeChange(c: AttributeChange, fallback: string): string {
  const place = filterPlace(c.functions, c.rule, fallback);
  return `\`${c.at.text}\` by ${place}${c.condition ? `, as ${conditionPhrase(c.condition.text)}` : ''}`;
}

const ATTRIBUTE_OF_STEP: Partial<Readonly<Record<Step, string>>> = {
  preference: 'preference',
  'local-pref': 'bgp_local_pref',
  'as-path': 'bgp_path',
  med: 'bgp_med',
};

/** Where the route's value for `attribute` came from: the last filter statement that set it, or BIRD's default. */
function origin(r: RibRoute, attribute: string): string | undefined {
  const change = [...(r.importDecision?.changes ?? [])].reverse().find((c) => c.attribute === attribute);
  if (change) return `set on import: ${describeChange(change, `the import filter of ${r.protocol}`)}`;
  if (attribute === 'preference' && r.attrs.preference === DEFAULT_PREFERENCE[r.proto])
    return `BIRD's default for ${PROTOCOL_ROUTES[r.proto]}`;
  if (attribute === 'bgp_local_pref' && r.via?.ebgp && (r.attrs.bgp_local_pref ?? 100) === 100)
    return 'LOCAL_PREF does not cross eBGP: 100 on receipt';
  return undefined;
}

/** Why the selected route beats the runner-up, or why a candidate loses to the selected one. */
export function explainCandidate(
  r: RibRoute,
  selected: boolean,
  best: RibRoute,
  ranked: readonly RibRoute[],
  bird: boolean,
): { step: Step | 'only'; text: string } {
  const other = selected ? ranked[1] : r;
  if (!other) return { step: 'only', text: 'the only candidate' };
  const winner = selected ? r : best;
  const v = compareRoutes(winner, other, bird);
  const attribute = ATTRIBUTE_OF_STEP[v.step];
  const value = (x: RibRoute) =>
    v.step === 'preference'
      ? String(x.attrs.preference)
      : v.step === 'local-pref'
        ? String(x.attrs.bgp_local_pref ?? 100)
        : '';
  const causes = attribute
    ? [winner, other].flatMap((x) => {
        const o = origin(x, attribute);
        return o ? [`${value(x) ? `${value(x)}: ` : ''}${o}`] : [];
      })
    : [];
  const detail = causes.length > 0 ? ` (${causes.join('; ')})` : '';
  return { step: v.step, text: `${selected ? '' : 'loses: '}${v.reason}${detail}` };
}

/** The filter statement that accepted or changed a route, as users name it. */
export function describeDecision(d: Decision, fallback = 'the filter'): string {
  const place = filterPlace(d.functions, d.rule, fallback);
  if (d.kind === 'statement') return `${place}: ${d.condition?.text ?? d.at?.text ?? ''}`;
  return `${place}: ${d.message ?? d.kind}`;
}

/** Where a kernel route's metric comes from. */
function metricOrigin(f: FibEntry): string {
  if (f.proto === 'felix') return `Felix's route${f.vm ? ` for ${f.vm}` : ''}, metric = its priority`;
  const best = f.routes?.[0];
  const lp = best?.attrs.bgp_local_pref;
  if (f.proto === 'bird' && lp !== undefined && f.metric === PRIORITY_BASE - lp)
    return `installed by BIRD, metric ${PRIORITY_BASE} − LOCAL_PREF ${lp}`;
  if (f.proto === 'bird') return `installed by BIRD${f.metric === 0 ? ' (no krt_metric: 0)' : ''}`;
  return 'installed by the router';
}

const WHO: Readonly<Record<FibEntry['proto'], string>> = { felix: "Felix's", bird: "BIRD's", bgp: "the router's" };

/** Why a kernel route forwards packets to the VM, or which one does instead; `all` are the speaker's routes containing the VM's IP. */
export function explainFib(f: FibEntry, used: FibEntry | undefined, all: readonly FibEntry[]): string {
  const source = metricOrigin(f);
  if (!used) return source;
  if (f === used) {
    const rivals = all.filter((x) => x !== f && x.prefix.len === f.prefix.len);
    return `forwards: the longest prefix (/${f.prefix.len})${rivals.length > 0 ? `, the lowest metric (${rivals.map((x) => x.metric).join(', ')} lose)` : ''}; ${source}`;
  }
  if (f.prefix.len < used.prefix.len)
    return `not used: ${formatPrefix4(f.prefix)} is less specific than ${formatPrefix4(used.prefix)}; ${source}`;
  return `loses to ${WHO[used.proto]} route (metric ${used.metric}): metric ${f.metric} is higher; ${source}`;
}
