/** The commands of the CLI, as data. */
import { exportCommand } from './export';
import { generateCommand } from './generate';
import { importCommand } from './import';
import { renderCalicoCommand } from './renderCalico';
import { checkCommand, simulateCommand } from './simulate';
import type { CliCommand } from './command';

export const COMMANDS: readonly CliCommand[] = [
  simulateCommand,
  checkCommand,
  exportCommand,
  importCommand,
  generateCommand,
  renderCalicoCommand,
];

export function usage(): string {
  return [
    'liveroute: design a Calico BGP fabric and check a KubeVirt live migration',
    '',
    'commands:',
    // Each command's usage on its own line and what it does below: some usages are long.
    ...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Every argument is checked before any work: an --out file or folder that cannot be written is',
    'refused up front (export and render-calico make their --out folder if it is missing). - reads',
    "standard input; -- ends the options (before a file name that starts with -); an option's value",
    "follows it or an = (--out=DIR). `liveroute <command> --help` prints one command's usage.",
    '',
    'exit codes: 0 valid input, 1 a finding at or above --fail-on, 2 bad input (one sentence naming the',
    'argument, or the file, line and field)',
    '',
  ].join('\n');
}
