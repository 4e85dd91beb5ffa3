/** The lab's comparison as text: a table of agreements per phase, then a diff per disagreement. */
import { diffLines, type Aspect, type Check } from './compare';
import type { DesignResult } from './run';

const ASPECTS: readonly { aspect: Aspect; title: string }[] = [
  { aspect: 'flow', title: 'clients' },
  { aspect: 'routes', title: 'BIRD routes' },
  { aspect: 'fib', title: 'kernel FIBs' },
];

function count(checks: readonly Check[]): string {
  return `${checks.filter((c) => c.agree).length}/${checks.length}`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
}

export function formatResult(r: DesignResult): string {
  const lines: string[] = [];
  const sessions = r.checks.filter((c) => c.aspect === 'session');
  lines.push(
    `${r.design}: ${r.report.migration.vm} (${r.report.migration.ip}) ${r.report.migration.from} → ${r.report.migration.to}, on real BIRD in ${r.seconds.toFixed(1)} s`,
  );
  lines.push(`sessions agreeing: ${count(sessions)}`);
  const header = ['phase', 'settled', ...ASPECTS.map((a) => a.title)];
  const rows = r.phases.map((p) => {
    const of = (aspect: Aspect) => r.checks.filter((c) => c.phase === p.name && c.aspect === aspect);
    return [
      p.name,
      p.converged ? `${p.waitedMs} ms` : `NO (${p.waitedMs} ms)`,
      ...ASPECTS.map((a) => count(of(a.aspect))),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  lines.push(pad(header, widths), ...rows.map((row) => pad(row, widths)));
  const bad = r.checks.filter((c) => !c.agree);
  lines.push(bad.length === 0 ? 'every check agrees' : `${bad.length} disagreement(s):`);
  for (const c of bad) {
    lines.push(`  ${c.phase} ${c.aspect} ${c.subject}:${c.note ? ` (${c.note})` : ''}`);
    for (const d of diffLines(c)) lines.push(`    ${d}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** One line per design: how many checks agree, and the clients × phases agreeing. */
export function summaryLine(r: DesignResult): string {
  const flows = r.checks.filter((c) => c.aspect === 'flow');
  return `${r.design}: ${count(r.checks)} checks agree; clients × phases ${count(flows)}`;
}
