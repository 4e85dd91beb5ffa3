/**
 * `liveroute simulate <file> [--migrate VM --to NODE] [--json] [--fail-on error|warning]` and
 * `liveroute check <file> [--fail-on error|warning]`: run the migration through its five phases;
 * print a table (or the JSON report of DESIGN §5), or every diagnostic.
 */
import { atOrAbove, diagnose, diagnoseDesign } from '../engine/diagnostics';
import { toReport } from '../engine/report';
import { simulate, SimulationInputError } from '../engine/simulate';
import { isDnsLabel } from '../lib/names';
import { parseArgs, quoted, shown, stringFlag, UsageError, type ParsedArgs } from './args';
import type { CliCommand } from './command';
import { EXIT, InputError, readDesign } from './io';
import { formatDiagnostics, formatReport } from './table';

function failOn(value: string | undefined): 'error' | 'warning' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'error' && value !== 'warning')
    throw new UsageError(`--fail-on takes error or warning, not ${quoted(value)}`);
  return value;
}

/** --migrate VM and --to NODE name a VM and a node of the design: DNS labels, as the design's names are. */
function designName(args: ParsedArgs, option: 'migrate' | 'to'): string | undefined {
  const value = stringFlag(args, option);
  if (value !== undefined && !isDnsLabel(value)) {
    throw new UsageError(
      `--${option} must name a ${option === 'migrate' ? 'VM' : 'node'} of the design (a lowercase DNS label), not ${quoted(value)}`,
    );
  }
  return value;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  usage: 'simulate <file> [--migrate VM --to NODE] [--json] [--fail-on error|warning]',
  summary: 'run the migration through its five phases; a table per phase, or the JSON report',
  run(argv, out) {
    const args = parseArgs(argv, { values: ['migrate', 'to', 'fail-on'], booleans: ['json'] });
    const [file, ...extra] = args.positionals;
    if (!file || extra.length > 0) throw new UsageError('expects exactly one design file');
    const level = failOn(stringFlag(args, 'fail-on'));
    const vm = designName(args, 'migrate');
    const to = designName(args, 'to');
    const doc = readDesign(file);
    let sim;
    try {
      sim = simulate(doc, { ...(vm ? { vm } : {}), ...(to ? { to } : {}) });
    } catch (e) {
      if (e instanceof SimulationInputError) throw new InputError(`${shown(file)}: ${e.message}`);
      throw e;
    }
    const report = toReport(sim, diagnose(sim));
    out(args.flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return level && report.diagnostics.some((d) => atOrAbove(d, level)) ? EXIT.findings : EXIT.ok;
  },
};

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check <file> [--fail-on error|warning]',
  summary: 'validate the file, simulate its default migration, print every diagnostic',
  run(argv, out) {
    const args = parseArgs(argv, { values: ['fail-on'], booleans: [] });
    const [file, ...extra] = args.positionals;
    if (!file || extra.length > 0) throw new UsageError('expects exactly one design file');
    const level = failOn(stringFlag(args, 'fail-on'));
    const doc = readDesign(file);
    const diagnostics = doc.spec.migration ? diagnose(simulate(doc)) : diagnoseDesign(doc);
    out(
      `${shown(file)}: valid liveroute/v1 design${doc.spec.migration ? `, migration ${doc.spec.migration.vm} → ${doc.spec.migration.to} simulated` : ' (no migration to simulate)'}\n`,
    );
    const stated = Object.keys(doc.metadata.expected ?? {}).length;
    if (stated > 0 && doc.spec.migration) {
      const differ = diagnostics.filter((d) => d.code === 'LR-EXPECTED-VERDICT').length;
      out(
        differ === 0
          ? `expected verdicts: the ${stated} phase${stated === 1 ? '' : 's'} stated in metadata.expected come out as stated\n`
          : `expected verdicts: ${differ} of the ${stated} phases stated in metadata.expected come out differently (LR-EXPECTED-VERDICT)\n`,
      );
    }
    out(`${formatDiagnostics(diagnostics).join('\n')}\n`);
    return level && diagnostics.some((d) => atOrAbove(d, level)) ? EXIT.findings : EXIT.ok;
  },
};
