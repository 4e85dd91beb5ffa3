/** `liveroute export <file> --out DIR [--zip]`: every generated manifest and config. */
import { exportFiles, zipBundle } from '../config/bundle';
import { parseArgs, stringFlag, UsageError } from './args';
import type { CliCommand } from './commands';
import { EXIT, readDesign, writeFiles } from './io';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export <file> --out DIR [--zip]',
  summary: 'write every generated manifest and config (or one zip) into DIR',
  run(argv, out) {
    const args = parseArgs(argv, { values: ['out'], booleans: ['zip'] });
    const [file, ...extra] = args.positionals;
    const dir = stringFlag(args, 'out');
    if (!file || extra.length > 0) throw new UsageError('expects exactly one design file');
    if (!dir) throw new UsageError('--out DIR is required');
    const doc = readDesign(file);
    if (args.flags.has('zip')) {
      const name = `${doc.metadata.name}.zip`;
      writeFiles(dir, [{ path: name, data: zipBundle(doc) }]);
      out(`wrote ${dir}/${name}\n`);
      return EXIT.ok;
    }
    const files = exportFiles(doc);
    writeFiles(dir, files.map((f) => ({ path: f.path, data: f.text })));
    out(`wrote ${files.length} files to ${dir}\n`);
    return EXIT.ok;
  },
};
