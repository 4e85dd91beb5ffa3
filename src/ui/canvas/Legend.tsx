import { Panel } from '@xyflow/react';

/** What the line styles mean; colour is never the only cue (labels say the session kind). */
export function Legend() {
  return (
    <Panel position="top-right" className="legend" aria-label="Legend">
      <span><span className="sw" style={{ borderColor: 'var(--ebgp)' }} />eBGP session</span>
      <span><span className="sw" style={{ borderColor: 'var(--ibgp)' }} />iBGP session</span>
      <span><span className="sw" style={{ borderColor: 'var(--rrclient)' }} />route-reflector client</span>
      <span><span className="sw" style={{ borderColor: 'var(--link)', borderTopWidth: 2 }} />physical link only</span>
      <span><span className="sw" style={{ borderColor: 'var(--ebgp)', borderTopStyle: 'dashed' }} />multihop (no direct link)</span>
      <span><span className="sw" style={{ borderColor: 'var(--ebgp)', borderTopWidth: 6, opacity: 0.55 }} />BGPPeer bundle (rack → router)</span>
    </Panel>
  );
}
