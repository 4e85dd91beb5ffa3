/** The readable output of `simulate` and `check`: a table per phase, the problems, the diagnostics. */
import type { Diagnostic } from '../engine/diagnostics';
import type { SimulationReport } from '../engine/report';

const ICON = { delivered: '✓', blackhole: '✕', loop: '↻', split: '½' } as const;

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
}

export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => pad(r, widths));
}

/** A readable line at fabric scale: the first few names, then how many more (`--json` has them all). */
export const SUBJECTS_SHOWN = 12;

function subjectsLine(subjects: readonly string[]): string {
  if (subjects.length <= SUBJECTS_SHOWN) return subjects.join(', ');
  return `${subjects.slice(0, SUBJECTS_SHOWN).join(', ')} and ${subjects.length - SUBJECTS_SHOWN} more`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  if (diagnostics.length === 0) return ['diagnostics: none'];
  const lines = [`diagnostics (${diagnostics.length}):`];
  for (const d of diagnostics) {
    lines.push(`  ${d.severity.padEnd(7)} ${d.code}${d.phase ? ` [${d.phase}]` : ''}  ${subjectsLine(d.subjects)}`);
    lines.push(`          ${d.message}`);
    lines.push(`          fix: ${d.fix}`);
  }
  return lines;
}

export function formatReport(r: SimulationReport): string {
  const m = r.migration;
  const lines = [`${r.topology}: ${m.vm} (${m.ip}) migrates ${m.from} → ${m.to}`, ''];
  const rows: string[][] = [['phase', 'VM on', '✓ delivered', '✕ blackhole', '↻ loop', '½ split', 'converged at']];
  for (const p of r.phases) {
    const count = (o: keyof typeof ICON) => String(p.flows.filter((f) => f.outcome === o).length);
    rows.push([
      p.name,
      p.vmHost,
      count('delivered'),
      count('blackhole'),
      count('loop'),
      count('split'),
      `${p.settledAt - p.start} ms${p.oscillating.length ? ' (oscillating)' : ''}`,
    ]);
  }
  lines.push(...formatTable(rows), '');
  for (const p of r.phases) {
    for (const f of p.flows.filter((x) => x.outcome !== 'delivered')) {
      const end = f.pathEnds.find((e) => e.end !== 'delivered');
      lines.push(
        `${p.name}: ${ICON[f.outcome]} ${f.client} ${f.outcome}${f.outcome === 'split' ? ` (${Math.round(f.deliveredFraction * 100)}% delivered)` : ''}: ${end?.why ?? ''}`,
      );
    }
  }
  const down = r.sessions.filter((s) => !s.up);
  lines.push(`sessions: ${r.sessions.length - down.length} up, ${down.length} down`);
  for (const s of down) lines.push(`  ${s.a} ↔ ${s.b}: ${s.reason}`);
  if (r.transients.length > 0) {
    lines.push(
      `transient blackholes: ${r.transients.map((t) => `${t.phase} ${t.client} ${t.blackholeMs} ms`).join(', ')}`,
    );
  }
  lines.push('', ...formatDiagnostics(r.diagnostics), '');
  return lines.join('\n');
}
