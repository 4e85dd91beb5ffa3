/** The inspector with nothing selected: the design's metadata, cluster-wide Calico settings, the migration and the Calico resources. */
import { err } from '../../lib/result';
import {
  clusterSchema,
  isBGPFilter,
  isBGPPeer,
  liveMigrationFilter,
  LIVE_MIGRATION_FILTER_NAME,
  resolveCluster,
  type Topology,
} from '../../model';
import { designBgpConfiguration, designFelixConfiguration } from '../../model/calico/settings';
import { filterId, peerId } from '../../store/ui';
import { applyEdit } from '../actions';
import { useDesign, useStores } from '../context';
import { CheckField, edited, parseOptionalInt, SelectField, TextField } from './fields';
import { parseYamlObject, yamlOf } from './yamlText';

type Cluster = NonNullable<Topology['spec']['cluster']>;

export function DesignPanel() {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const c = doc.spec.cluster ?? {};
  const eff = resolveCluster(doc.spec);
  const setCluster = (mutate: (c: Cluster) => void) =>
    edited(doc, (d) => {
      const next: Cluster = { ...(d.spec.cluster ?? {}) };
      mutate(next);
      if (Object.keys(next).length === 0) delete d.spec.cluster;
      else d.spec.cluster = next;
    });
  const intField = (text: string, set: (c: Cluster, v: number | undefined) => void) => {
    const n = parseOptionalInt(text);
    return n.ok ? setCluster((cl) => set(cl, n.value)) : err(n.error);
  };
  const priority = (which: 'normal' | 'elevated', v: number | undefined) => (cl: Cluster) => {
    const rp = { ...(cl.routePriority ?? {}) };
    if (v === undefined) delete rp[which];
    else rp[which] = v;
    if (Object.keys(rp).length === 0) delete cl.routePriority;
    else cl.routePriority = rp;
  };
  const peers = doc.spec.calicoResources.filter(isBGPPeer);
  const filters = doc.spec.calicoResources.filter(isBGPFilter);
  const m = doc.spec.migration;
  return (
    <>
      <h2>Design</h2>
      <TextField
        label="metadata.name"
        value={doc.metadata.name}
        testId="field-design-name"
        candidate={(t) => edited(doc, (d) => void (d.metadata.name = t.trim()))}
        path={['metadata', 'name']}
      />
      <TextField
        label="Title"
        value={doc.metadata.title ?? ''}
        candidate={(t) =>
          edited(doc, (d) => {
            if (t.trim() === '') delete d.metadata.title;
            else d.metadata.title = t;
          })
        }
        path={['metadata', 'title']}
      />
      <TextField
        label="Description (markdown)"
        value={doc.metadata.description ?? ''}
        multiline
        candidate={(t) =>
          edited(doc, (d) => {
            if (t.trim() === '') delete d.metadata.description;
            else d.metadata.description = t;
          })
        }
      />
      <div className="section">
        <h3>Cluster (BGPConfiguration, FelixConfiguration, IPPools)</h3>
        <TextField
          label="Default AS number"
          value={c.asNumber === undefined ? '' : String(c.asNumber)}
          placeholder={`${eff.asNumber} (default)`}
          testId="field-cluster-asNumber"
          path={['spec', 'cluster', 'asNumber']}
          candidate={(t) =>
            intField(t, (cl, v) => {
              if (v === undefined) delete cl.asNumber;
              else cl.asNumber = v;
            })
          }
        />
        <CheckField
          label="Node-to-node mesh"
          checked={eff.nodeToNodeMeshEnabled}
          candidate={(on) =>
            setCluster((cl) => {
              if (on) delete cl.nodeToNodeMeshEnabled;
              else cl.nodeToNodeMeshEnabled = false;
            })
          }
        />
        <TextField
          label="Normal route priority (Felix)"
          value={c.routePriority?.normal === undefined ? '' : String(c.routePriority.normal)}
          placeholder={`${eff.normalPriority} (default)`}
          path={['spec', 'cluster', 'routePriority', 'normal']}
          candidate={(t) => intField(t, (cl, v) => priority('normal', v)(cl))}
        />
        <TextField
          label="Elevated route priority (Felix)"
          value={c.routePriority?.elevated === undefined ? '' : String(c.routePriority.elevated)}
          placeholder={`${eff.elevatedPriority} (default)`}
          path={['spec', 'cluster', 'routePriority', 'elevated']}
          candidate={(t) => intField(t, (cl, v) => priority('elevated', v)(cl))}
        />
        <TextField
          label="BGPConfiguration normal priority"
          value={c.bgpNormalRoutePriority === undefined ? '' : String(c.bgpNormalRoutePriority)}
          placeholder={`${eff.bgpNormalPriority} (same as Felix)`}
          path={['spec', 'cluster', 'bgpNormalRoutePriority']}
          candidate={(t) =>
            intField(t, (cl, v) => {
              if (v === undefined) delete cl.bgpNormalRoutePriority;
              else cl.bgpNormalRoutePriority = v;
            })
          }
        />
        <TextField
          label="liveMigrationRouteConvergenceTime"
          value={c.liveMigrationRouteConvergenceTime ?? ''}
          placeholder={`${eff.liveMigrationRouteConvergenceTime} (default)`}
          mono
          path={['spec', 'cluster', 'liveMigrationRouteConvergenceTime']}
          candidate={(t) =>
            setCluster((cl) => {
              if (t.trim() === '') delete cl.liveMigrationRouteConvergenceTime;
              else cl.liveMigrationRouteConvergenceTime = t.trim();
            })
          }
        />
        <TextField
          label="IP pools (YAML list)"
          value={c.ipPools ? yamlOf(clusterSchema, { ipPools: c.ipPools }) : ''}
          placeholder={'ipPools:\n  - { name: default-ipv4-ippool, cidr: 10.244.0.0/16, blockSize: 26 }'}
          multiline
          path={['spec', 'cluster', 'ipPools']}
          candidate={(t) => {
            const parsed = parseYamlObject(t);
            if (!parsed.ok) return parsed;
            const pools = parsed.value.ipPools;
            return setCluster((cl) => {
              if (pools === undefined) delete cl.ipPools;
              else cl.ipPools = pools as Cluster['ipPools'];
            });
          }}
        />
        <KeptSettings
          which="bgpConfiguration"
          label="Other BGPConfiguration fields (YAML; confd renders them)"
          value={c.bgpConfiguration}
          setCluster={setCluster}
          placeholder={'serviceClusterIPs:\n  - cidr: 10.96.0.0/12'}
        />
        <KeptSettings
          which="felixConfiguration"
          label="Other FelixConfiguration fields (YAML)"
          value={c.felixConfiguration}
          setCluster={setCluster}
          placeholder={'bpfEnabled: false'}
        />
      </div>
      <div className="section">
        <h3>Default migration</h3>
        <SelectField
          label="VM"
          value={m?.vm ?? ''}
          options={[
            { value: '', label: '(none)' },
            ...doc.spec.vms.map((v) => ({ value: v.name, label: `${v.name} (${v.ip} on ${v.node})` })),
          ]}
          candidate={(t) =>
            edited(doc, (d) => {
              if (t === '') return void delete d.spec.migration;
              const vm = d.spec.vms.find((v) => v.name === t);
              const to =
                d.spec.migration?.to !== vm?.node && d.spec.migration?.to
                  ? d.spec.migration.to
                  : (d.spec.nodes.find((n) => n.name !== vm?.node)?.name ?? '');
              d.spec.migration = { vm: t, to };
            })
          }
        />
        {m && (
          <SelectField
            label="to node"
            value={m.to}
            options={doc.spec.nodes.map((n) => ({ value: n.name, label: n.name }))}
            path={['spec', 'migration', 'to']}
            candidate={(t) => edited(doc, (d) => void (d.spec.migration = { vm: m.vm, to: t }))}
          />
        )}
      </div>
      <div className="section">
        <h3>Calico resources</h3>
        <ul className="list" data-testid="resource-list">
          {peers.map((p) => (
            <li key={`p-${p.metadata.name}`}>
              <button
                type="button"
                className="link-btn"
                onClick={() => stores.ui.getState().select([peerId(p.metadata.name)])}
              >
                BGPPeer {p.metadata.name}
              </button>
              <span className="mono muted">{p.spec.peerIP ?? p.spec.peerSelector ?? ''}</span>
            </li>
          ))}
          {filters.map((f) => (
            <li key={`f-${f.metadata.name}`}>
              <button
                type="button"
                className="link-btn"
                onClick={() => stores.ui.getState().select([filterId(f.metadata.name)])}
              >
                BGPFilter {f.metadata.name}
              </button>
            </li>
          ))}
        </ul>
        {!filters.some((f) => f.metadata.name === LIVE_MIGRATION_FILTER_NAME) && (
          <button
            className="btn"
            type="button"
            style={{ marginTop: 8 }}
            onClick={() => {
              const d = structuredClone(doc);
              d.spec.calicoResources.push(liveMigrationFilter(eff.elevatedPriority));
              if (applyEdit(stores, { ok: true, value: { doc: d, created: [] } }, 'Add BGPFilter'))
                stores.ui.getState().select([filterId(LIVE_MIGRATION_FILTER_NAME)]);
            }}
          >
            + the documented live-migration BGPFilter
          </button>
        )}
      </div>
    </>
  );
}

/** The spec fields of the default BGPConfiguration or FelixConfiguration the cluster settings above do not set: kept from an import, written to the manifests as they are. */
function KeptSettings(props: {
  which: 'bgpConfiguration' | 'felixConfiguration';
  label: string;
  value: Record<string, unknown> | undefined;
  placeholder: string;
  setCluster: (mutate: (c: Cluster) => void) => ReturnType<typeof edited>;
}) {
  const { which, label, value, placeholder, setCluster } = props;
  return (
    <TextField
      label={label}
      value={
        value ? yamlOf(which === 'bgpConfiguration' ? designBgpConfiguration : designFelixConfiguration, value) : ''
      }
      placeholder={placeholder}
      multiline
      mono
      testId={`field-cluster-${which}`}
      path={['spec', 'cluster', which]}
      candidate={(t) => {
        const parsed = parseYamlObject(t);
        if (!parsed.ok) return parsed;
        const fields = parsed.value;
        return setCluster((cl) => {
          if (Object.keys(fields).length === 0) delete cl[which];
          else (cl as Record<string, unknown>)[which] = fields;
        });
      }}
    />
  );
}
