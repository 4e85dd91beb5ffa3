/**
 * `liveroute generate`: the twin of the app's fabric generator (Generate a fabric…), so that a
 * benchmark, a bug report or a user makes the same fabric anywhere. Writes a liveroute/v1 design
 * to standard output or --out (YAML; JSON with --json or a .json name), with a default migration
 * of the first VM to a node of another rack. Defaults are the app dialog's (FABRIC_DEFAULTS).
 */
import { FABRIC_DEFAULTS, FABRIC_LIMITS, generateFabric, type FabricSpec } from '../model/edit/generate';
import { NODE_AS_SCHEMES, TOR_AS_SCHEMES, type NodeAsScheme, type TorAsScheme } from '../model/edit/rackChoices';
import { PLATFORMS, type Platform } from '../model/schema';
import { serializeDesign } from '../model';
import { parseArgs, quoted, stringFlag, UsageError, wholeNumber, type ParsedArgs } from './args';
import type { CliCommand } from './command';
import { EXIT } from './io';
import { checkOutputFile, writeOutputFile } from './output';

/** The generator places at most 62 VMs on one node (the addresses of its /26 block). */
const MAX_VMS_PER_NODE = 62;

function oneOf<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const text = stringFlag(args, name);
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not ${quoted(text)}`);
  return text as T;
}

/** Reads the options into the generator's spec; every problem is a usage error before any work. */
export function fabricSpecOf(args: ParsedArgs): FabricSpec {
  const racks = wholeNumber(args, 'racks', 1, FABRIC_LIMITS.racks, FABRIC_DEFAULTS.racks);
  const nodesPerRack = wholeNumber(args, 'nodes', 1, FABRIC_LIMITS.nodesPerRack, FABRIC_DEFAULTS.nodesPerRack);
  const spines = wholeNumber(args, 'spines', 1, FABRIC_LIMITS.spines, FABRIC_DEFAULTS.spines);
  const tors = wholeNumber(args, 'tors', 1, 2, FABRIC_DEFAULTS.torsPerRack) as 1 | 2;
  if (args.flags.has('vms') && args.flags.has('vms-per-node'))
    throw new UsageError('give --vms or --vms-per-node, not both');
  if (args.flags.has('filter') && args.flags.has('no-filter'))
    throw new UsageError('give --filter or --no-filter, not both');
  let vms = wholeNumber(args, 'vms', 0, FABRIC_LIMITS.vms, FABRIC_DEFAULTS.vms);
  if (args.flags.has('vms-per-node')) {
    const perNode = wholeNumber(args, 'vms-per-node', 0, MAX_VMS_PER_NODE, 0);
    vms = perNode * racks * nodesPerRack;
    if (vms > FABRIC_LIMITS.vms)
      throw new UsageError(
        `--vms-per-node ${perNode} makes ${vms} VMs on ${racks * nodesPerRack} nodes; at most ${FABRIC_LIMITS.vms}`,
      );
  }
  // The generator would quietly stop at a full block on every node: say so instead.
  const room = MAX_VMS_PER_NODE * racks * nodesPerRack;
  if (vms > room)
    throw new UsageError(
      `--vms ${vms}: ${vms} VMs do not fit on ${racks * nodesPerRack} node${racks * nodesPerRack === 1 ? '' : 's'} (${MAX_VMS_PER_NODE} each); at most ${room}`,
    );
  const name = stringFlag(args, 'name');
  if (name !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
    throw new UsageError(`--name must be a lowercase DNS label (letters, digits, '-'), not ${quoted(name)}`);
  }
  return {
    racks,
    nodesPerRack,
    spines,
    torsPerRack: tors,
    vms,
    platform: oneOf<Platform>(args, 'platform', PLATFORMS, FABRIC_DEFAULTS.platform),
    nodeAs: oneOf<NodeAsScheme>(args, 'node-as', NODE_AS_SCHEMES, FABRIC_DEFAULTS.nodeAs),
    torAs: oneOf<TorAsScheme>(args, 'tor-as', TOR_AS_SCHEMES, FABRIC_DEFAULTS.torAs),
    liveMigrationFilter: args.flags.has('no-filter') ? false : FABRIC_DEFAULTS.liveMigrationFilter,
    ...(name !== undefined ? { name } : {}),
  };
}

export const generateCommand: CliCommand = {
  name: 'generate',
  usage:
    'generate [--racks R] [--nodes N] [--tors 1|2] [--spines S] [--vms N | --vms-per-node K] [--filter|--no-filter] [--platform P] [--node-as per-node|cluster] [--tor-as per-rack|spines] [--name NAME] [--json] [--out FILE]',
  summary: "write a generated fabric (the app's Generate a fabric…) as a liveroute/v1 design",
  run(argv, out) {
    const args = parseArgs(argv, {
      values: [
        'racks',
        'nodes',
        'tors',
        'spines',
        'vms',
        'vms-per-node',
        'platform',
        'node-as',
        'tor-as',
        'name',
        'out',
      ],
      booleans: ['filter', 'no-filter', 'json'],
    });
    if (args.positionals.length > 0)
      throw new UsageError(
        `takes no file arguments (got ${quoted(args.positionals[0] as string)}); write to a file with --out`,
      );
    const spec = fabricSpecOf(args);
    const target = stringFlag(args, 'out');
    if (target !== undefined) checkOutputFile('out', target);
    const json = args.flags.has('json') || (target !== undefined && /\.json$/i.test(target));
    const text = serializeDesign(generateFabric(spec), json ? 'json' : 'yaml');
    if (target === undefined) out(text);
    else writeOutputFile('out', target, text);
    return EXIT.ok;
  },
};
