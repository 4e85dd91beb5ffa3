/** Inspector panels for BGPPeer and BGPFilter resources and for router pairs (session / link). */
import { err } from '../../lib/result';
import { isBGPFilter, isBGPPeer, type BGPFilter, type BGPFilterRule, type BGPPeer, type Topology } from '../../model';
import { bgpFilterSpec } from '../../model/calico/bgpfilter';
import { bgpPeerSpec } from '../../model/calico/bgppeer';
import { renameResource } from '../../model/edit/rename';
import { filterId, peerId } from '../../store/ui';
import { useDesign, useStores } from '../context';
import { pairEdges, peerNodes, peerTarget } from '../canvas/sessions';
import { CheckField, edited, TextField } from './fields';
import { parseYamlObject, yamlOf } from './yamlText';

function resourceIndex(doc: Topology, kind: 'BGPPeer' | 'BGPFilter', name: string): number {
  return doc.spec.calicoResources.findIndex((r) => r.kind === kind && r.metadata.name === name);
}

export function PeerPanel({ name }: { name: string }) {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const i = resourceIndex(doc, 'BGPPeer', name);
  const peer = doc.spec.calicoResources[i];
  if (!peer || !isBGPPeer(peer)) return null;
  const at = ['spec', 'calicoResources', i, 'spec'] as const;
  const setSpec = (mutate: (s: BGPPeer['spec']) => void) =>
    edited(doc, (d) => mutate((d.spec.calicoResources[i] as BGPPeer).spec));
  const nodes = peerNodes(doc, peer);
  const target = peerTarget(doc, peer);
  const filterNames = new Set(doc.spec.calicoResources.filter(isBGPFilter).map((f) => f.metadata.name));
  const missing = (peer.spec.filters ?? []).filter((f) => !filterNames.has(f));
  return (
    <>
      <h2>
        BGPPeer <span className="chip">projectcalico.org/v3</span>
      </h2>
      <TextField
        label="metadata.name"
        value={peer.metadata.name}
        testId="field-peer-name"
        candidate={(t) => renameResource(doc, 'BGPPeer', name, t.trim())}
        onCommitted={(t) => stores.ui.getState().select([peerId(t.trim())])}
      />
      <TextField
        label="nodeSelector"
        value={peer.spec.nodeSelector ?? ''}
        mono
        placeholder="(all nodes, unless node is set)"
        path={[...at, 'nodeSelector']}
        candidate={(t) =>
          setSpec((s) => {
            if (t.trim() === '') delete s.nodeSelector;
            else s.nodeSelector = t;
          })
        }
      />
      <TextField
        label="peerIP"
        value={peer.spec.peerIP ?? ''}
        mono
        path={[...at, 'peerIP']}
        candidate={(t) =>
          setSpec((s) => {
            if (t.trim() === '') delete s.peerIP;
            else s.peerIP = t.trim();
          })
        }
      />
      <TextField
        label="asNumber"
        value={peer.spec.asNumber === undefined ? '' : String(peer.spec.asNumber)}
        testId="field-peer-asNumber"
        path={[...at, 'asNumber']}
        candidate={(t) =>
          /^\d*$/.test(t.trim())
            ? setSpec((s) => {
                if (t.trim() === '') delete s.asNumber;
                else s.asNumber = Number(t.trim());
              })
            : err(`${JSON.stringify(t)} is not a whole number`)
        }
      />
      <TextField
        label="filters (BGPFilter names, in order)"
        value={(peer.spec.filters ?? []).join(', ')}
        mono
        testId="field-peer-filters"
        path={[...at, 'filters']}
        hint={
          missing.length > 0 ? (
            <span className="warn">Not defined (Calico skips them): {missing.join(', ')}</span>
          ) : (
            `Defined: ${[...filterNames].join(', ') || 'none'}`
          )
        }
        candidate={(t) =>
          setSpec((s) => {
            const list = t.split(/[\s,]+/).filter(Boolean);
            if (list.length === 0) delete s.filters;
            else s.filters = list;
          })
        }
      />
      <TextField
        label="spec (every field, YAML)"
        value={yamlOf(bgpPeerSpec, peer.spec)}
        multiline
        path={at}
        hint="Ctrl+Enter or leave the field to apply"
        candidate={(t) => {
          const parsed = parseYamlObject(t);
          return parsed.ok
            ? edited(doc, (d) => void ((d.spec.calicoResources[i] as BGPPeer).spec = parsed.value as BGPPeer['spec']))
            : parsed;
        }}
      />
      <div className="section">
        <h3>Resolves to</h3>
        <p>
          {target ? (
            <>
              router{' '}
              <button type="button" className="link-btn" onClick={() => stores.ui.getState().select([target.name])}>
                {target.name}
              </button>{' '}
              (AS {target.asNumber})
            </>
          ) : (
            <span className="warn">no router of this design has address {peer.spec.peerIP ?? '(none)'}</span>
          )}
        </p>
        <p className="muted">
          Selects {nodes.length} node{nodes.length === 1 ? '' : 's'}: {nodes.map((n) => n.name).join(', ') || 'none'}
        </p>
      </div>
    </>
  );
}

function describeRule(rule: BGPFilterRule): string {
  const when: string[] = [];
  if (rule.cidr)
    when.push(
      `net ${rule.matchOperator} ${rule.cidr}${rule.prefixLength ? `{${rule.prefixLength.min ?? ''},${rule.prefixLength.max ?? ''}}` : ''}`,
    );
  if (rule.source) when.push('learned from BGP');
  if (rule.interface) when.push(`interface ${rule.interface}`);
  if (rule.peerType) when.push(`${rule.peerType} peer`);
  if (rule.communities) when.push(`community ${rule.communities.values.join(', ')}`);
  if (rule.asPathPrefix) when.push(`AS path starts ${rule.asPathPrefix.join(' ')}`);
  if (rule.priority !== undefined) when.push(`priority ${rule.priority}`);
  const ops = (rule.operations ?? []).map((o) =>
    o.addCommunity
      ? `add community ${o.addCommunity.value}`
      : o.prependASPath
        ? `prepend ${o.prependASPath.prefix.join(' ')}`
        : `set priority ${o.setPriority?.value}`,
  );
  return `${when.length ? `if ${when.join(' and ')}: ` : 'always: '}${[...ops, rule.action.toLowerCase()].join(', ')}`;
}

export function FilterPanel({ name }: { name: string }) {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const i = resourceIndex(doc, 'BGPFilter', name);
  const filter = doc.spec.calicoResources[i];
  if (!filter || !isBGPFilter(filter)) return null;
  const users = doc.spec.calicoResources.filter(isBGPPeer).filter((p) => p.spec.filters?.includes(name));
  const lists = ['exportV4', 'importV4', 'exportV6', 'importV6'] as const;
  return (
    <>
      <h2>
        BGPFilter <span className="chip">projectcalico.org/v3</span>
      </h2>
      <TextField
        label="metadata.name"
        value={filter.metadata.name}
        candidate={(t) => renameResource(doc, 'BGPFilter', name, t.trim())}
        onCommitted={(t) => stores.ui.getState().select([filterId(t.trim())])}
        hint="BGPPeers that list it follow the rename"
      />
      <TextField
        label="spec (YAML)"
        value={yamlOf(bgpFilterSpec, filter.spec)}
        multiline
        path={['spec', 'calicoResources', i, 'spec']}
        hint="Ctrl+Enter or leave the field to apply"
        testId="field-filter-spec"
        candidate={(t) => {
          const parsed = parseYamlObject(t);
          return parsed.ok
            ? edited(
                doc,
                (d) => void ((d.spec.calicoResources[i] as BGPFilter).spec = parsed.value as BGPFilter['spec']),
              )
            : parsed;
        }}
      />
      <div className="section">
        <h3>Rules, in order</h3>
        {lists.map((l) =>
          (filter.spec[l] ?? []).length === 0 ? null : (
            <div key={l}>
              <strong>{l}</strong>
              <ol style={{ margin: '4px 0 8px', paddingLeft: 20 }}>
                {(filter.spec[l] ?? []).map((r, k) => (
                  <li key={k}>{describeRule(r)}</li>
                ))}
              </ol>
            </div>
          ),
        )}
        <p className="muted">No match: the next filter of the peer, then Calico’s default policy.</p>
      </div>
      <div className="section">
        <h3>Attached to</h3>
        <ul className="list">
          {users.map((p) => (
            <li key={p.metadata.name}>
              <button
                type="button"
                className="link-btn"
                onClick={() => stores.ui.getState().select([peerId(p.metadata.name)])}
              >
                {p.metadata.name}
              </button>
            </li>
          ))}
          {users.length === 0 && <li className="muted">no BGPPeer</li>}
        </ul>
      </div>
    </>
  );
}

export function PairPanel({ a, b }: { a: string; b: string }) {
  const doc = useDesign((s) => s.doc);
  const pair = pairEdges(doc).find((p) => (p.a.name === a && p.b.name === b) || (p.a.name === b && p.b.name === a));
  if (!pair) return null;
  const same = (p: readonly [string, string]) => (p[0] === a && p[1] === b) || (p[0] === b && p[1] === a);
  const toggle = (list: 'links' | 'sessions', on: boolean) =>
    edited(doc, (d) => {
      d.spec[list] = d.spec[list].filter((p) => !same(p));
      if (on) d.spec[list].push([a, b]);
    });
  return (
    <>
      <h2>
        {a} ↔ {b}
      </h2>
      <p>
        {pair.session ? `${pair.kind} session` : 'No BGP session'} · AS {pair.a.asNumber} ↔ {pair.b.asNumber}
        {pair.session && !pair.link ? ' · multihop over the underlay' : ''}
      </p>
      <CheckField
        label="BGP session"
        checked={pair.session}
        candidate={(on) => toggle('sessions', on)}
        testId="field-pair-session"
      />
      <CheckField
        label="Physical link"
        checked={pair.link}
        candidate={(on) => toggle('links', on)}
        testId="field-pair-link"
      />
      <p className="muted">A pair with neither is removed from the canvas.</p>
    </>
  );
}
