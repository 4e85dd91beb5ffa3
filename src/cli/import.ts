/**
 * `liveroute import <calico.yaml>... [--into design.liveroute.yaml] --out design.liveroute.yaml`:
 * the app's import of a cluster's Calico resources, for pipelines. The resources of every file go
 * into the design of --into (or an empty one) as the app merges them; the report goes to standard
 * error, the design to --out (YAML, or JSON for a .json name). Bad input: exit 2 and the problems.
 */
import { basename } from 'node:path';
import { formatImportProblems, importCalicoFiles } from '../calico';
import { emptyDesign, serializeDesign } from '../model';
import { parseArgs, stringFlag, UsageError } from './args';
import type { CliCommand } from './command';
import { EXIT, InputError, readDesign, readText } from './io';
import { checkOutputFile, writeOutputFile } from './output';

/** `cluster.liveroute.yaml` → `cluster`, the new design's name when there is no --into. */
function designNameFor(out: string): string {
  return basename(out).replace(/\.liveroute\.(ya?ml|json)$|\.(ya?ml|json)$/i, '');
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <calico.yaml>... [--into DESIGN] --out FILE',
  summary: "merge a cluster's Calico resources (calicoctl/kubectl -o yaml) into a design, as the app's import",
  run(argv, out, err) {
    const args = parseArgs(argv, { values: ['into', 'out'], booleans: [] });
    const files = args.positionals;
    const target = stringFlag(args, 'out');
    const into = stringFlag(args, 'into');
    if (files.length === 0)
      throw new UsageError('expects one or more files of Calico resources (- for standard input)');
    if ([...files, into].filter((f) => f === '-').length > 1)
      throw new UsageError('standard input (-) can be read once');
    if (!target) throw new UsageError('--out FILE is required (the design to write)');
    checkOutputFile('out', target);
    const base = into ? readDesign(into, 'into') : emptyDesign(designNameFor(target));
    const imported = importCalicoFiles(
      base,
      files.map((name) => ({ name, text: readText(name) })),
    );
    if (!imported.ok) {
      const lines = formatImportProblems(imported.error, into ?? 'the design');
      throw new InputError(
        `Calico resources not imported (nothing was written):\n${lines.map((l) => `  ${l}`).join('\n')}`,
      );
    }
    for (const line of imported.value.report) err(`${line}\n`);
    writeOutputFile('out', target, serializeDesign(imported.value.doc, /\.json$/i.test(target) ? 'json' : 'yaml'));
    out(`wrote ${target}\n`);
    return EXIT.ok;
  },
};
