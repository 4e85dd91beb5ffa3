/** The commands of the CLI, as data. */
import { exportCommand } from './export';
import { generateCommand } from './generate';
import { importCommand } from './import';
import { renderCalicoCommand } from './renderCalico';
import { checkCommand, simulateCommand } from './simulate';
import type { CliCommand } from './command';

export const COMMANDS: readonly CliCommand[] = [simulateCommand, checkCommand, exportCommand, importCommand, generateCommand, renderCalicoCommand];

export function usage(): string {
  return [
    'liveroute: design a Calico BGP fabric and check a KubeVirt live migration',
    '',
    'commands:',
    // Each command's usage on its own line and what it does below: some usages are long.
    ...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'exit codes: 0 valid input, 1 a finding at or above --fail-on, 2 bad input',
    '',
  ].join('\n');
}
