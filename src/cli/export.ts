/** `liveroute export <file> --out DIR [--zip] [--containerlab]`: every generated manifest and config. */
import { exportFiles, zipBundle } from '../config/bundle';
import { containerlabExport } from '../lab/clab';
import { parseArgs, shown, stringFlag, UsageError } from './args';
import type { CliCommand } from './command';
import { EXIT, InputError, readDesign } from './io';
import { checkOutputFolder, writeFilesInto } from './output';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export <file> --out DIR [--zip] [--containerlab]',
  summary:
    'write every generated manifest and config (or one zip, the same bytes for the same design) into DIR; --containerlab adds a containerlab topology',
  run(argv, out) {
    const args = parseArgs(argv, { values: ['out'], booleans: ['zip', 'containerlab'] });
    const [file, ...more] = args.positionals;
    const dir = stringFlag(args, 'out');
    if (!file || more.length > 0) throw new UsageError('expects exactly one design file');
    if (!dir) throw new UsageError('--out DIR is required');
    checkOutputFolder('out', dir);
    const doc = readDesign(file);
    const clab = args.flags.has('containerlab') ? containerlabExport(doc) : undefined;
    if (clab && !clab.ok) throw new InputError(`${shown(file)}: --containerlab: ${clab.error}`);
    const extra = clab?.ok ? clab.value : [];
    if (args.flags.has('zip')) {
      const name = `${doc.metadata.name}.zip`;
      writeFilesInto('out', dir, [{ path: name, data: zipBundle(doc, extra) }]);
      out(`wrote ${dir}/${name}\n`);
      return EXIT.ok;
    }
    const files = [...exportFiles(doc), ...extra];
    writeFilesInto(
      'out',
      dir,
      files.map((f) => ({ path: f.path, data: f.text })),
    );
    out(`wrote ${files.length} files to ${dir}\n`);
    return EXIT.ok;
  },
};
