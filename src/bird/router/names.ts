/**
 * BIRD symbol names for the objects of a router config. Design names are DNS-1123 labels (they
 * may start with a digit and contain '-'), BIRD symbols are letters, digits and '_', start with a
 * letter and have at most 64 characters: every symbol gets a kind prefix, '-' becomes '_' (no
 * label contains '_', so distinct names stay distinct), and long names end in a hash.
 */
import { fitName } from '../../lib/hash';
import { POLICY_NAMES } from '../../model/policy/compile';

/** BIRD's SYM_MAX_LEN (1.6 and 2.0): longer symbols are refused with "Symbol too long". */
export const BIRD_SYMBOL_MAX = 64;
/** BIRD 2's longest `dynamic name` (SYM_MAX_LEN - 16, room for the number it appends): longer is "Dynamic name too long". */
export const BIRD_DYNAMIC_NAME_MAX = 48;

/** `<prefix>_<name>` as a BIRD symbol. */
export function birdSymbol(prefix: string, name: string): string {
  return fitName(`${prefix}_${name.replaceAll('-', '_')}`, BIRD_SYMBOL_MAX, '_');
}

/** The BIRD name of a neutral policy or list name (`LR-IMPORT` → `lr_import`). */
export function birdPolicyName(name: string): string {
  return fitName(name.toLowerCase().replaceAll('-', '_'), BIRD_SYMBOL_MAX, '_');
}

export const BIRD_NAMES = {
  import: birdPolicyName(POLICY_NAMES.import),
  exportToRouters: birdPolicyName(POLICY_NAMES.exportToRouters),
  exportToNodes: birdPolicyName(POLICY_NAMES.exportToNodes),
  kernel: 'lr_kernel',
  defaultRoute: 'lr_default',
} as const;

/** The protocol of a session with another router. */
export const neighborProtocol = (name: string): string => birdSymbol('peer', name);
/** The protocol of a session with one Calico node. */
export const nodeProtocol = (name: string): string => birdSymbol('node', name);
/** The template (BIRD 1.x, or BIRD 2 with explicit members) or dynamic protocol of a node group. */
export const groupSymbol = (name: string): string => birdSymbol('group', name);
