import { useStores, useUi } from '../context';

function PathSample({ end }: { end: 'delivered' | 'blackhole' | 'loop' }) {
  return (
    <svg className="key-sample" width="26" height="8" aria-hidden="true">
      <path className={`path-line ${end}`} d="M2,4 L24,4" />
    </svg>
  );
}

/**
 * The key to everything drawn on the canvas: session line styles, packet paths, and (while the
 * canvas animates) BGP messages. Colour is never the only cue (labels say the session kind).
 * It folds away to a button; the view is fitted clear of it either way.
 */
export function Legend() {
  const ui = useStores().ui;
  const open = useUi((s) => s.legendOpen);
  const animate = useUi((s) => s.animate);
  return (
    <div
      className={`legend${open ? '' : ' folded'}`}
      role="group"
      aria-label="Legend"
      data-testid="legend"
      data-canvas-overlay
    >
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={open}
        onClick={() => ui.getState().setLegendOpen(!open)}
        data-testid="legend-toggle"
        title={open ? 'Fold the key away' : 'Show the key to the canvas'}
      >
        Key <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {open && (
        <ul className="legend-items">
          <li>
            <span className="sw" style={{ borderColor: 'var(--ebgp)' }} />
            eBGP session
          </li>
          <li>
            <span className="sw" style={{ borderColor: 'var(--ibgp)' }} />
            iBGP session
          </li>
          <li>
            <span className="sw" style={{ borderColor: 'var(--rrclient)' }} />
            route-reflector client
          </li>
          <li>
            <span className="sw" style={{ borderColor: 'var(--link)', borderTopWidth: 2 }} />
            physical link only
          </li>
          <li>
            <span className="sw" style={{ borderColor: 'var(--ebgp)', borderTopStyle: 'dashed' }} />
            multihop (no link)
          </li>
          <li>
            <span className="sw" style={{ borderColor: 'var(--ebgp)', borderTopWidth: 6, opacity: 0.55 }} />
            BGPPeer bundle
          </li>
          <li className="legend-sep">
            <PathSample end="delivered" />✓ delivered
          </li>
          <li>
            <PathSample end="blackhole" />✕ blackhole
          </li>
          <li>
            <PathSample end="loop" />↻ loop
          </li>
          {animate && (
            <>
              <li className="legend-sep">
                <span className="key-update" aria-hidden="true" />
                UPDATE
              </li>
              <li>
                <span className="key-withdraw" aria-hidden="true" />
                WITHDRAW
              </li>
              <li>
                <span className="key-flash" aria-hidden="true" />
                routes changed
              </li>
            </>
          )}
        </ul>
      )}
    </div>
  );
}
