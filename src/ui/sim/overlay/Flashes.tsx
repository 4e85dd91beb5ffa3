/**
 * Speakers whose RIB or FIB changed flash when the instant shown changes: a ring around each
 * card that fades out in about a second. A new report (a re-run) flashes nothing: everything
 * would be "new" and nothing would be said.
 */
import { memo, useContext, useEffect, useRef, useState } from 'react';
import { instantStates } from '../../../store/instants';
import { useSimulation } from '../../context';
import { MAX_FLASHES, speakersChangedBetween } from './changes';
import { useFlowGeometry } from './useFlowGeometry';
import { farStandIns, rackOwnersOf, useLod } from '../../canvas/lod';
import { CanvasNodesContext } from '../../canvas/cull';

interface Flash {
  readonly id: number;
  readonly speakers: readonly string[];
}

export const Flashes = memo(function Flashes() {
  const report = useSimulation((s) => s.report);
  const instant = useSimulation((s) => s.instant);
  const geometry = useFlowGeometry();
  // Far out a rack box stands for its members: it flashes once for all of them.
  const far = useLod().level === 'racks';
  const nodes = useContext(CanvasNodesContext);
  const [flash, setFlash] = useState<Flash | undefined>(undefined);
  const shown = useRef({ report, instant });

  useEffect(() => {
    const before = shown.current;
    shown.current = { report, instant };
    if (!report || before.report !== report || before.instant === instant) return;
    const changed = speakersChangedBetween(instantStates(report), before.instant, instant);
    const speakers = (far ? farStandIns(changed, rackOwnersOf(nodes)) : [...changed]).slice(0, MAX_FLASHES);
    if (speakers.length > 0) setFlash((f) => ({ id: (f?.id ?? 0) + 1, speakers }));
  }, [report, instant, far, nodes]);

  if (!flash) return null;
  const end = () => setFlash((f) => (f?.id === flash.id ? undefined : f));
  return (
    <svg className="overlay-layer overlay-below" aria-hidden="true" data-testid="rib-flashes">
      {flash.speakers.map((name, i) => {
        const r = geometry.rect(name);
        if (!r) return null;
        // The rings all fade together: the first one's end clears them.
        return (
          <rect
            key={`${flash.id}-${name}`}
            className="flash-ring"
            data-testid={`flash-${name}`}
            x={r.x - 5}
            y={r.y - 5}
            width={r.width + 10}
            height={r.height + 10}
            rx={10}
            onAnimationEnd={i === 0 ? end : undefined}
          />
        );
      })}
    </svg>
  );
});
