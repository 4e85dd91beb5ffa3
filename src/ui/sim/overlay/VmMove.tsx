/**
 * The VM moving at the switchover: when the node that runs it changes (the `live` phase, or back
 * when stepping backwards), a ▣ chip travels from the old host to the new one in 600 ms. CSS
 * animates it, so it costs no renders while it flies and never holds up input.
 */
import { memo, useEffect, useRef, useState, type CSSProperties } from 'react';
import { vmHostOf } from '../../../store/simulation';
import { useSimulation } from '../../context';
import { centreOf } from './geometry';
import { useFlowGeometry } from './useFlowGeometry';

interface Move {
  readonly id: number;
  readonly from: string;
  readonly to: string;
}

export const VmMove = memo(function VmMove() {
  const report = useSimulation((s) => s.report);
  const host = useSimulation(vmHostOf);
  const geometry = useFlowGeometry();
  const [move, setMove] = useState<Move | undefined>(undefined);
  const shown = useRef({ report, host });

  useEffect(() => {
    const before = shown.current;
    shown.current = { report, host };
    if (!report || before.report !== report || before.host === undefined || host === undefined || before.host === host)
      return;
    setMove((m) => ({ id: (m?.id ?? 0) + 1, from: before.host as string, to: host }));
  }, [report, host]);

  if (!move || !report) return null;
  const a = geometry.rect(move.from);
  const b = geometry.rect(move.to);
  if (!a || !b) return null;
  const from = centreOf(a);
  const to = centreOf(b);
  const style = {
    '--from-x': `${from.x}px`,
    '--from-y': `${from.y}px`,
    '--to-x': `${to.x}px`,
    '--to-y': `${to.y}px`,
  } as CSSProperties;
  return (
    <div
      key={move.id}
      className="vm-move"
      data-testid="vm-move"
      style={style}
      onAnimationEnd={() => setMove((m) => (m?.id === move.id ? undefined : m))}
      aria-hidden="true"
    >
      ▣ {report.migration.vm}
    </div>
  );
});
