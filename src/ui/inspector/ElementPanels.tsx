/** Inspector panels for racks, Calico nodes, routers and VMs. */
import { err, type Result } from '../../lib/result';
import { parseIPv4, prefix4, prefixContainsAddr } from '../../lib/ip';
import {
  PLATFORMS,
  ROUTER_ROLES,
  TO_NODES_MODES,
  effectiveBlocks,
  isBGPPeer,
  resolveCluster,
  type RouterPolicy,
  type Topology,
} from '../../model';
import { rename } from '../../model/edit/rename';
import {
  changeRackSubnet,
  changeRouterAddress,
  changeRouterAs,
  moveNodeToRack,
  moveTorToRack,
} from '../../model/edit/readdress';
import { addNode, addRouter, addVm } from '../../model/edit/add';
import { vmId } from '../../store/ui';
import { applyEdit } from '../actions';
import { useDesign, useStores } from '../context';
import { peerNodes, peerTarget } from '../canvas/sessions';
import { CheckField, edited, parseOptionalInt, SelectField, TextField } from './fields';
import { RoutesSection } from '../sim/RoutesSection';

const asInt = (text: string, apply: (v: number | undefined) => Result<Topology, string>): Result<Topology, string> => {
  const n = parseOptionalInt(text);
  return n.ok ? apply(n.value) : err(n.error);
};

export function RackPanel({ name }: { name: string }) {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const i = doc.spec.racks.findIndex((r) => r.name === name);
  const rack = doc.spec.racks[i];
  if (!rack) return null;
  const nodes = doc.spec.nodes.filter((n) => n.rack === name);
  const tors = doc.spec.routers.filter((r) => r.rack === name);
  return (
    <>
      <h2>Rack</h2>
      <TextField
        label="Name"
        value={rack.name}
        testId="field-name"
        candidate={(t) => rename(doc, name, t)}
        onCommitted={(t) => stores.ui.getState().select([t])}
      />
      <TextField
        label="Subnet"
        value={rack.subnet}
        mono
        testId="field-subnet"
        path={['spec', 'racks', i, 'subnet']}
        hint="Members keep their host numbers"
        candidate={(t) => changeRackSubnet(doc, name, t)}
      />
      <div className="row">
        <button className="btn" type="button" onClick={() => applyEdit(stores, addNode(doc, name), 'Add node')}>
          + Node
        </button>
        <button
          className="btn"
          type="button"
          disabled={tors.length >= 2}
          onClick={() => applyEdit(stores, addRouter(doc, 'tor', name), 'Add ToR')}
        >
          + ToR
        </button>
      </div>
      <div className="section">
        <h3>Members</h3>
        <ul className="list">
          {[...tors, ...nodes].map((m) => (
            <li key={m.name}>
              <button type="button" className="link-btn" onClick={() => stores.ui.getState().select([m.name])}>
                {m.name}
              </button>
              <span className="mono muted">{m.address}</span>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

export function NodePanel({ name }: { name: string }) {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const i = doc.spec.nodes.findIndex((n) => n.name === name);
  const node = doc.spec.nodes[i];
  if (!node) return null;
  const at = ['spec', 'nodes', i] as const;
  const clusterAs = resolveCluster(doc.spec).asNumber;
  const vms = doc.spec.vms.filter((v) => v.node === name);
  const peers = doc.spec.calicoResources
    .filter(isBGPPeer)
    .filter((p) => peerNodes(doc, p).some((n) => n.name === name));
  const labels = Object.entries(node.labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  return (
    <>
      <h2>Calico node</h2>
      <RoutesSection name={name} />
      <TextField
        label="Name"
        value={node.name}
        testId="field-name"
        candidate={(t) => rename(doc, name, t)}
        onCommitted={(t) => stores.ui.getState().select([t])}
      />
      <SelectField
        label="Rack"
        value={node.rack}
        options={doc.spec.racks.map((r) => ({ value: r.name, label: r.name }))}
        candidate={(t) => moveNodeToRack(doc, name, t)}
        hint="Moving re-addresses the node in its new rack"
      />
      <TextField
        label="Address"
        value={node.address}
        mono
        testId="field-address"
        path={[...at, 'address']}
        candidate={(t) => edited(doc, (d) => void ((d.spec.nodes[i] as { address: string }).address = t.trim()))}
      />
      <TextField
        label="AS number (Node spec.bgp.asNumber)"
        value={node.asNumber === undefined ? '' : String(node.asNumber)}
        placeholder={`${clusterAs} (cluster default)`}
        testId="field-asNumber"
        path={[...at, 'asNumber']}
        candidate={(t) =>
          asInt(t, (v) =>
            edited(doc, (d) => {
              const n = d.spec.nodes[i];
              if (!n) return;
              if (v === undefined) delete n.asNumber;
              else n.asNumber = v;
            }),
          )
        }
      />
      <TextField
        label="Route reflector cluster ID"
        value={node.routeReflectorClusterID ?? ''}
        placeholder="not a route reflector"
        mono
        path={[...at, 'routeReflectorClusterID']}
        candidate={(t) =>
          edited(doc, (d) => {
            const n = d.spec.nodes[i];
            if (!n) return;
            if (t.trim() === '') delete n.routeReflectorClusterID;
            else n.routeReflectorClusterID = t.trim();
          })
        }
      />
      <TextField
        label="Blocks (IPAM block affinities)"
        value={(node.blocks ?? []).join(', ')}
        placeholder="allocated in file order"
        mono
        path={[...at, 'blocks']}
        candidate={(t) =>
          edited(doc, (d) => {
            const n = d.spec.nodes[i];
            if (!n) return;
            const list = t.split(/[\s,]+/).filter(Boolean);
            if (list.length === 0) delete n.blocks;
            else n.blocks = list;
          })
        }
      />
      <TextField
        label="Labels (key=value, one per line)"
        value={labels}
        multiline
        mono
        path={[...at, 'labels']}
        hint="rack and kubernetes.io/hostname are set automatically"
        candidate={(t) => {
          const out: Record<string, string> = {};
          for (const [k, line] of t.split('\n').entries()) {
            if (line.trim() === '') continue;
            const eq = line.indexOf('=');
            if (eq < 0) return err(`line ${k + 1}: expected key=value`);
            out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
          }
          return edited(doc, (d) => {
            const n = d.spec.nodes[i];
            if (!n) return;
            if (Object.keys(out).length === 0) delete n.labels;
            else n.labels = out;
          });
        }}
      />
      <div className="section">
        <h3>VMs on this node</h3>
        <ul className="list">
          {vms.map((v) => (
            <li key={v.name}>
              <button type="button" className="link-btn" onClick={() => stores.ui.getState().select([vmId(v.name)])}>
                {v.name}
              </button>
              <span className="mono muted">{v.ip}</span>
            </li>
          ))}
        </ul>
        <button
          className="btn"
          type="button"
          style={{ marginTop: 6 }}
          onClick={() => applyEdit(stores, addVm(doc, name), 'Add VM')}
        >
          + VM
        </button>
      </div>
      <div className="section">
        <h3>BGP peerings (from BGPPeers)</h3>
        {peers.length === 0 && (
          <p className="muted">
            {resolveCluster(doc.spec).nodeToNodeMeshEnabled
              ? 'Node-to-node mesh only.'
              : 'None: this node has no BGP session.'}
          </p>
        )}
        <ul className="list">
          {peers.map((p) => (
            <li key={p.metadata.name}>
              <button
                type="button"
                className="link-btn"
                onClick={() => stores.ui.getState().select([`peer:${p.metadata.name}`])}
              >
                {p.metadata.name}
              </button>
              <span className="muted">{peerTarget(doc, p)?.name ?? p.spec.peerIP ?? p.spec.peerSelector}</span>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

export function RouterPanel({ name }: { name: string }) {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const i = doc.spec.routers.findIndex((r) => r.name === name);
  const router = doc.spec.routers[i];
  if (!router) return null;
  const at = ['spec', 'routers', i] as const;
  const policy = router.policy ?? {};
  const setPolicy = (mutate: (p: RouterPolicy) => void) =>
    edited(doc, (d) => {
      const r = d.spec.routers[i];
      if (!r) return;
      const p = { ...(r.policy ?? {}) };
      mutate(p);
      if (Object.keys(p).length === 0) delete r.policy;
      else r.policy = p;
    });
  const sessions = doc.spec.sessions.filter(([a, b]) => a === name || b === name).map(([a, b]) => (a === name ? b : a));
  return (
    <>
      <h2>Router</h2>
      <RoutesSection name={name} />
      <TextField
        label="Name"
        value={router.name}
        testId="field-name"
        candidate={(t) => rename(doc, name, t)}
        onCommitted={(t) => stores.ui.getState().select([t])}
      />
      <SelectField
        label="Role"
        value={router.role}
        options={ROUTER_ROLES.map((r) => ({ value: r, label: r }))}
        path={[...at, 'role']}
        candidate={(t) =>
          edited(doc, (d) => {
            const r = d.spec.routers[i];
            if (!r) return;
            r.role = t as typeof r.role;
            if (t !== 'tor') delete r.rack;
            else r.rack ??= d.spec.racks[0]?.name;
          })
        }
      />
      {router.role === 'tor' && (
        <SelectField
          label="Rack"
          value={router.rack ?? ''}
          options={doc.spec.racks.map((r) => ({ value: r.name, label: r.name }))}
          path={[...at, 'rack']}
          candidate={(t) => moveTorToRack(doc, name, t)}
        />
      )}
      <TextField
        label="AS number"
        value={String(router.asNumber)}
        testId="field-asNumber"
        path={[...at, 'asNumber']}
        hint="BGPPeers that target this router with its old AS follow"
        candidate={(t) =>
          asInt(t, (v) => (v === undefined ? err('a router needs an AS number') : changeRouterAs(doc, name, v)))
        }
      />
      <TextField
        label="Address"
        value={router.address}
        mono
        testId="field-address"
        path={[...at, 'address']}
        hint="BGPPeers that target the old address follow"
        candidate={(t) => changeRouterAddress(doc, name, t.trim())}
      />
      <SelectField
        label="Platform"
        value={router.platform}
        options={PLATFORMS.map((p) => ({ value: p, label: p }))}
        path={[...at, 'platform']}
        candidate={(t) => edited(doc, (d) => void ((d.spec.routers[i] as { platform: string }).platform = t))}
      />
      <TextField
        label="Route reflector cluster ID"
        value={router.routeReflector?.clusterId ?? ''}
        placeholder="not a route reflector"
        mono
        path={[...at, 'routeReflector']}
        hint="Set to reflect between this router's iBGP clients (RFC 4456)"
        candidate={(t) =>
          edited(doc, (d) => {
            const r = d.spec.routers[i];
            if (!r) return;
            if (t.trim() === '') delete r.routeReflector;
            else r.routeReflector = { clusterId: t.trim() };
          })
        }
      />
      <div className="section">
        <h3>Policy</h3>
        <TextField
          label="Elevated community (preferred: preference 200, LOCAL_PREF from priority)"
          value={policy.elevatedCommunity ?? ''}
          placeholder="none: no preference"
          mono
          testId="field-elevatedCommunity"
          path={[...at, 'policy', 'elevatedCommunity']}
          candidate={(t) =>
            setPolicy((p) => {
              if (t.trim() === '') delete p.elevatedCommunity;
              else p.elevatedCommunity = t.trim();
            })
          }
        />
        <CheckField
          label="Pass communities on (sendCommunity)"
          checked={policy.sendCommunity ?? true}
          candidate={(c) =>
            setPolicy((p) => {
              if (c) delete p.sendCommunity;
              else p.sendCommunity = false;
            })
          }
        />
        <CheckField
          label="Multipath (ECMP across equal best paths)"
          checked={policy.multipath ?? false}
          candidate={(c) =>
            setPolicy((p) => {
              if (c) p.multipath = true;
              else delete p.multipath;
            })
          }
        />
        <CheckField
          label="Accept ADD-PATH from Calico nodes"
          checked={policy.addPaths ?? false}
          candidate={(c) =>
            setPolicy((p) => {
              if (c) p.addPaths = true;
              else delete p.addPaths;
            })
          }
        />
        <SelectField
          label="Routes sent to Calico nodes"
          value={policy.toNodes ?? 'all'}
          options={TO_NODES_MODES.map((m) => ({
            value: m,
            label: {
              all: 'all BGP routes',
              'default-only': 'default route only',
              'default-plus-host-routes': 'default + host (/32) routes',
            }[m],
          }))}
          candidate={(t) =>
            setPolicy((p) => {
              if (t === 'all') delete p.toNodes;
              else p.toNodes = t as typeof p.toNodes;
            })
          }
        />
      </div>
      <div className="section">
        <h3>Sessions</h3>
        <ul className="list">
          {sessions.map((s) => (
            <li key={s}>
              <button type="button" className="link-btn" onClick={() => stores.ui.getState().select([s])}>
                {s}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

export function VmPanel({ name }: { name: string }) {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const i = doc.spec.vms.findIndex((v) => v.name === name);
  const vm = doc.spec.vms[i];
  if (!vm) return null;
  const migration = doc.spec.migration?.vm === name ? doc.spec.migration.to : '';
  return (
    <>
      <h2>VM</h2>
      <TextField
        label="Name"
        value={vm.name}
        testId="field-name"
        candidate={(t) => rename(doc, name, t)}
        onCommitted={(t) => stores.ui.getState().select([vmId(t)])}
      />
      <TextField
        label="IP"
        value={vm.ip}
        mono
        path={['spec', 'vms', i, 'ip']}
        candidate={(t) => edited(doc, (d) => void ((d.spec.vms[i] as { ip: string }).ip = t.trim()))}
      />
      <SelectField
        label="Runs on"
        value={vm.node}
        options={doc.spec.nodes.map((n) => ({ value: n.name, label: n.name }))}
        path={['spec', 'vms', i, 'node']}
        candidate={(t) => edited(doc, (d) => void ((d.spec.vms[i] as { node: string }).node = t))}
      />
      <SelectField
        label="Default migration target"
        value={migration}
        options={[
          { value: '', label: '(none)' },
          ...doc.spec.nodes.filter((n) => n.name !== vm.node).map((n) => ({ value: n.name, label: n.name })),
        ]}
        candidate={(t) =>
          edited(doc, (d) => {
            if (t === '') {
              if (d.spec.migration?.vm === name) delete d.spec.migration;
            } else d.spec.migration = { vm: name, to: t };
          })
        }
      />
      <p className="muted">{blockNote(doc, vm.node, vm.ip)}</p>
    </>
  );
}

function blockNote(doc: Topology, node: string, ip: string): string {
  const a = parseIPv4(ip);
  for (const [owner, blocks] of effectiveBlocks(doc.spec)) {
    const block = blocks.find((b) => {
      const p = prefix4(b);
      return p !== undefined && a !== undefined && prefixContainsAddr(p, a);
    });
    if (!block) continue;
    return owner === node
      ? `${ip} is in ${node}’s own block ${block}.`
      : `${ip} is borrowed from ${owner}’s block ${block}: ${node} advertises it as a /32.`;
  }
  return `${ip} is in no node’s block: ${node} advertises it as a /32 through the pool.`;
}
