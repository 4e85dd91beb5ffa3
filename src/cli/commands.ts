/** The commands of the CLI, as data. */
import { exportCommand } from './export';
import { importCommand } from './import';
import { renderCalicoCommand } from './renderCalico';
import { checkCommand, simulateCommand } from './simulate';

export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly run: (argv: readonly string[], out: (s: string) => void, err: (s: string) => void) => Promise<number> | number;
}

export const COMMANDS: readonly CliCommand[] = [simulateCommand, checkCommand, exportCommand, importCommand, renderCalicoCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'liveroute: design a Calico BGP fabric and check a KubeVirt live migration',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'exit codes: 0 valid input, 1 a finding at or above --fail-on, 2 bad input',
    '',
  ].join('\n');
}
