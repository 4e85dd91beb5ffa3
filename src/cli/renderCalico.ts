/**
 * `liveroute render-calico <calico.yaml> --node NAME [--out DIR]`: the bird.cfg calico-node
 * would render on NAME from a cluster's Calico resources (BlockAffinity objects give its
 * blocks). Printed with bird_aggr.cfg and bird_ipam.cfg inlined, or written as three files.
 */
import {
  CalicoRenderError,
  formatReadIssue,
  readCalicoResources,
  renderCalicoNode,
  type CalicoNodeConfig,
} from '../calico';
import { parseArgs, quoted, shown, stringFlag, UsageError } from './args';
import type { CliCommand } from './command';
import { EXIT, InputError, readText } from './io';
import { checkOutputFolder, writeFilesInto } from './output';

/** One self-contained config: each `include "<file>";` line replaced by the file's text. */
export function inlineIncludes(cfg: CalicoNodeConfig): string {
  const files: Record<string, string> = { 'bird_aggr.cfg': cfg.birdAggrCfg, 'bird_ipam.cfg': cfg.birdIpamCfg };
  return cfg.birdCfg.replace(/^\s*include "([^"]+)";\s*$/gm, (line, name: string) => {
    const text = files[name];
    return text === undefined ? line : `# ---- ${name} ----\n${text.trimEnd()}\n# ---- end of ${name} ----`;
  });
}

/** A Kubernetes node name (a DNS-1123 subdomain), as Calico's Node resources carry it. */
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const renderCalicoCommand: CliCommand = {
  name: 'render-calico',
  usage: 'render-calico <calico.yaml> --node NAME [--out DIR]',
  summary: 'print the bird.cfg calico-node renders on NAME from Calico resources (incl. BlockAffinity)',
  run(argv, out, err) {
    const args = parseArgs(argv, { values: ['node', 'out'], booleans: [] });
    const [file, ...extra] = args.positionals;
    const node = stringFlag(args, 'node');
    if (!file || extra.length > 0)
      throw new UsageError('expects exactly one file of Calico resources (- for standard input)');
    if (!node) throw new UsageError('--node NAME is required');
    if (!KUBERNETES_NAME.test(node) || node.length > 253)
      throw new UsageError(
        `--node must be a Kubernetes node name (lowercase letters, digits, '-' and '.'), not ${quoted(node)}`,
      );
    const dir = stringFlag(args, 'out');
    if (dir) checkOutputFolder('out', dir);
    const read = readCalicoResources(readText(file));
    if (!read.ok)
      throw new InputError(
        `${shown(file)}: not valid Calico resources\n${read.error.map((i) => `  ${shown(file)}: ${formatReadIssue(i)}`).join('\n')}`,
      );
    for (const i of read.value.ignored.filter((x) => x.field === undefined))
      err(`${shown(file)}: ignored ${i.kind} ${i.name}: ${i.reason}\n`);
    let cfg: CalicoNodeConfig;
    try {
      cfg = renderCalicoNode(read.value, node);
    } catch (e) {
      if (e instanceof CalicoRenderError) throw new InputError(`${shown(file)}: ${e.message}`);
      throw e;
    }
    if (dir) {
      writeFilesInto('out', dir, [
        { path: 'bird.cfg', data: cfg.birdCfg },
        { path: 'bird_aggr.cfg', data: cfg.birdAggrCfg },
        { path: 'bird_ipam.cfg', data: cfg.birdIpamCfg },
      ]);
      out(`wrote ${dir}/bird.cfg, bird_aggr.cfg, bird_ipam.cfg\n`);
    } else out(inlineIncludes(cfg));
    return EXIT.ok;
  },
};
