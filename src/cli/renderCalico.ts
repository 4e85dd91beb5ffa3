/**
 * `liveroute render-calico <calico.yaml> --node NAME [--out DIR]`: the bird.cfg calico-node
 * would render on NAME from a cluster's Calico resources (BlockAffinity objects give its
 * blocks). Printed with bird_aggr.cfg and bird_ipam.cfg inlined, or written as three files.
 */
import { CalicoRenderError, formatReadIssue, readCalicoResources, renderCalicoNode, type CalicoNodeConfig } from '../calico';
import { parseArgs, stringFlag, UsageError } from './args';
import type { CliCommand } from './command';
import { EXIT, InputError, readText, writeFiles } from './io';

/** One self-contained config: each `include "<file>";` line replaced by the file's text. */
export function inlineIncludes(cfg: CalicoNodeConfig): string {
  const files: Record<string, string> = { 'bird_aggr.cfg': cfg.birdAggrCfg, 'bird_ipam.cfg': cfg.birdIpamCfg };
  return cfg.birdCfg.replace(/^\s*include "([^"]+)";\s*$/gm, (line, name: string) => {
    const text = files[name];
    return text === undefined ? line : `# ---- ${name} ----\n${text.trimEnd()}\n# ---- end of ${name} ----`;
  });
}

export const renderCalicoCommand: CliCommand = {
  name: 'render-calico',
  usage: 'render-calico <calico.yaml> --node NAME [--out DIR]',
  summary: "print the bird.cfg calico-node renders on NAME from Calico resources (incl. BlockAffinity)",
  run(argv, out, err) {
    const args = parseArgs(argv, { values: ['node', 'out'], booleans: [] });
    const [file, ...extra] = args.positionals;
    const node = stringFlag(args, 'node');
    if (!file || extra.length > 0) throw new UsageError('expects exactly one file of Calico resources (- for standard input)');
    if (!node) throw new UsageError('--node NAME is required');
    const read = readCalicoResources(readText(file));
    if (!read.ok) throw new InputError(`${file}: not valid Calico resources\n${read.error.map((i) => `  ${file}: ${formatReadIssue(i)}`).join('\n')}`);
    for (const i of read.value.ignored.filter((x) => x.field === undefined)) err(`${file}: ignored ${i.kind} ${i.name}: ${i.reason}\n`);
    let cfg: CalicoNodeConfig;
    try {
      cfg = renderCalicoNode(read.value, node);
    } catch (e) {
      if (e instanceof CalicoRenderError) throw new InputError(`${file}: ${e.message}`);
      throw e;
    }
    const dir = stringFlag(args, 'out');
    if (dir) {
      writeFiles(dir, [
        { path: 'bird.cfg', data: cfg.birdCfg },
        { path: 'bird_aggr.cfg', data: cfg.birdAggrCfg },
        { path: 'bird_ipam.cfg', data: cfg.birdIpamCfg },
      ]);
      out(`wrote ${dir}/bird.cfg, bird_aggr.cfg, bird_ipam.cfg\n`);
    } else out(inlineIncludes(cfg));
    return EXIT.ok;
  },
};
