/**
 * The dialogs that build designs: File → New (empty or from a template), the rack template and
 * the fabric generator. The last two offer the same rack choices (ToRs, AS schemes, the
 * live-migration filter, platform), carried out by the same code (src/model/edit/rackChoices.ts).
 */
import { useState } from 'react';
import { PLATFORMS } from '../../model';
import { addRack } from '../../model/edit/add';
import { FABRIC_DEFAULTS, FABRIC_LIMITS, generateFabric } from '../../model/edit/generate';
import { NEW_DESIGN_NODES, type NewDesignKind } from '../../model/edit/newDesign';
import {
  NODE_AS_SCHEMES,
  TOR_AS_SCHEMES,
  type NodeAsScheme,
  type RackChoices,
  type TorAsScheme,
} from '../../model/edit/rackChoices';
import { applyEdit, replaceDesign } from '../actions';
import { useStores, useUi } from '../context';
import { startNewDesign } from '../newDesign';
import { Modal } from './Modal';
import './buildDialogs.css';

export function NumberInput({
  label,
  value,
  onChange,
  min,
  max,
  testId,
  disabled,
  autoFocus,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min: number;
  max: number;
  testId: string;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <div className="field">
      <label>
        {label}
        <input
          type="number"
          min={min}
          max={max}
          value={value}
          disabled={disabled}
          autoFocus={autoFocus}
          data-testid={testId}
          onChange={(e) => onChange(Math.max(min, Math.min(max, Math.round(Number(e.target.value) || 0))))}
        />
      </label>
    </div>
  );
}

/** What both the rack template and the fabric generator ask (the node count is each dialog's own). */
export type Choices = Required<Pick<RackChoices, 'nodeAs' | 'torAs' | 'liveMigrationFilter' | 'platform'>> & {
  readonly torsPerRack: 1 | 2;
};

export const DEFAULT_CHOICES: Choices = {
  torsPerRack: FABRIC_DEFAULTS.torsPerRack,
  nodeAs: FABRIC_DEFAULTS.nodeAs,
  torAs: FABRIC_DEFAULTS.torAs,
  liveMigrationFilter: FABRIC_DEFAULTS.liveMigrationFilter,
  platform: FABRIC_DEFAULTS.platform,
};

const NODE_AS_LABELS: Record<NodeAsScheme, { label: string; hint: string }> = {
  'per-node': { label: 'one per node', hint: 'Every node has an AS of its own: eBGP to its ToRs.' },
  cluster: {
    label: 'the cluster AS',
    hint: 'Every node is in the cluster AS; without the node-to-node mesh their BGPPeers allow that AS once in a path (numAllowedLocalASNumbers: 1).',
  },
};
const TOR_AS_LABELS: Record<TorAsScheme, { label: string; hint: string }> = {
  'per-rack': {
    label: 'one per rack',
    hint: 'Each rack’s ToRs have an AS of their own (a pair shares it): eBGP to the spines.',
  },
  spines: {
    label: 'the spines’ AS',
    hint: 'Every ToR joins the spines’ AS: iBGP to the spines, which become route reflectors.',
  },
};

/** The shared rack choices; `prefix` names the test ids (`template-…`, `fabric-…`). */
export function RackChoicesFields({
  value,
  onChange,
  prefix,
}: {
  value: Choices;
  onChange: (next: Choices) => void;
  prefix: string;
}) {
  const set = (patch: Partial<Choices>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="rack-choices" data-testid={`${prefix}-choices`}>
      <legend>Each rack</legend>
      <div className="field">
        <label id={`${prefix}-tors-label`}>ToRs</label>
        <div className="row" role="radiogroup" aria-labelledby={`${prefix}-tors-label`}>
          {([1, 2] as const).map((n) => (
            <label key={n} className="check">
              <input
                type="radio"
                name={`${prefix}-tors`}
                checked={value.torsPerRack === n}
                data-testid={`${prefix}-tors-${n}`}
                onChange={() => set({ torsPerRack: n })}
              />{' '}
              {n === 1 ? 'one ToR' : 'a ToR pair'}
            </label>
          ))}
        </div>
      </div>
      <div className="choice-grid">
        <ChoiceSelect
          label="Node AS numbers"
          value={value.nodeAs}
          choices={NODE_AS_SCHEMES}
          text={(k) => NODE_AS_LABELS[k].label}
          testId={`${prefix}-node-as`}
          onChange={(nodeAs) => set({ nodeAs })}
        />
        <ChoiceSelect
          label="ToR AS numbers"
          value={value.torAs}
          choices={TOR_AS_SCHEMES}
          text={(k) => TOR_AS_LABELS[k].label}
          testId={`${prefix}-tor-as`}
          onChange={(torAs) => set({ torAs })}
        />
        <ChoiceSelect
          label="ToR platform"
          value={value.platform}
          choices={PLATFORMS}
          text={(p) => p}
          testId={`${prefix}-platform`}
          onChange={(platform) => set({ platform })}
        />
      </div>
      <p className="hint choice-hint" data-testid={`${prefix}-as-hint`}>
        {NODE_AS_LABELS[value.nodeAs].hint} {TOR_AS_LABELS[value.torAs].hint}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={value.liveMigrationFilter}
          data-testid={`${prefix}-filter`}
          onChange={(e) => set({ liveMigrationFilter: e.target.checked })}
        />
        <span>
          The live-migration BGPFilter on the node→ToR BGPPeers{' '}
          <span className="muted">(the ToRs and spines prefer its community)</span>
        </span>
      </label>
    </fieldset>
  );
}

/** A labelled drop-down over a fixed list of choices. */
function ChoiceSelect<T extends string>(props: {
  label: string;
  value: T;
  choices: readonly T[];
  text: (choice: T) => string;
  testId: string;
  onChange: (choice: T) => void;
}) {
  const { label, value, choices, text, testId, onChange } = props;
  return (
    <div className="field">
      <label>
        {label}
        <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {text(c)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function RackTemplateDialog() {
  const stores = useStores();
  const [choices, setChoices] = useState<Choices>(DEFAULT_CHOICES);
  const [nodes, setNodes] = useState(4);
  const close = () => stores.ui.getState().open({ kind: 'none' });
  const add = () => {
    if (applyEdit(stores, addRack(stores.design.getState().doc, { ...choices, nodesPerRack: nodes }), 'New rack'))
      close();
  };
  return (
    <Modal title="New rack from template" onClose={close} testId="rack-template-dialog">
      {/* Focus in the dialog, so Escape closes it from the keyboard. */}
      <NumberInput label="Nodes" value={nodes} min={0} max={64} onChange={setNodes} testId="template-nodes" autoFocus />
      <RackChoicesFields value={choices} onChange={setChoices} prefix="template" />
      <p className="muted">
        The rack gets the next free /24; each ToR is linked to every spine and gets a BGPPeer from the rack’s nodes.
        With the ToRs in the spines’ AS, the spines become route reflectors.
      </p>
      <div className="actions">
        <button className="btn" type="button" onClick={close}>
          Cancel
        </button>
        <button className="btn primary" type="button" data-testid="template-create" onClick={add}>
          Add rack
        </button>
      </div>
    </Modal>
  );
}

function FabricDialog() {
  const stores = useStores();
  const [choices, setChoices] = useState<Choices>(DEFAULT_CHOICES);
  const [racks, setRacks] = useState<number>(FABRIC_DEFAULTS.racks);
  const [nodesPerRack, setNodesPerRack] = useState<number>(FABRIC_DEFAULTS.nodesPerRack);
  const [spines, setSpines] = useState<number>(FABRIC_DEFAULTS.spines);
  const [vms, setVms] = useState<number>(FABRIC_DEFAULTS.vms);
  const close = () => stores.ui.getState().open({ kind: 'none' });
  return (
    <Modal title="Generate a fabric" onClose={close} testId="fabric-dialog">
      <p className="muted">
        Replaces the current design (Undo brings it back) with racks under spines and a border router, and VMs spread
        over the nodes.
      </p>
      <div className="choice-grid">
        <NumberInput
          label="Racks"
          value={racks}
          min={1}
          max={FABRIC_LIMITS.racks}
          onChange={setRacks}
          testId="fabric-racks"
          autoFocus
        />
        <NumberInput
          label="Nodes per rack"
          value={nodesPerRack}
          min={1}
          max={FABRIC_LIMITS.nodesPerRack}
          onChange={setNodesPerRack}
          testId="fabric-nodes"
        />
        <NumberInput
          label="Spines"
          value={spines}
          min={1}
          max={FABRIC_LIMITS.spines}
          onChange={setSpines}
          testId="fabric-spines"
        />
        <NumberInput label="VMs" value={vms} min={0} max={FABRIC_LIMITS.vms} onChange={setVms} testId="fabric-vms" />
      </div>
      <RackChoicesFields value={choices} onChange={setChoices} prefix="fabric" />
      <div className="actions">
        <button className="btn" type="button" onClick={close}>
          Cancel
        </button>
        <button
          className="btn primary"
          type="button"
          data-testid="fabric-create"
          onClick={() => {
            replaceDesign(
              stores,
              generateFabric({ ...choices, racks, nodesPerRack, spines, vms }),
              `Generated ${racks} racks × ${nodesPerRack} nodes`,
            );
            close();
          }}
        >
          Generate
        </button>
      </div>
    </Modal>
  );
}

const TEMPLATES: readonly { kind: NewDesignKind; title: string; summary: string }[] = [
  {
    kind: 'empty',
    title: 'Empty design',
    summary: 'Nothing on the canvas yet: drag racks, routers and nodes from the palette.',
  },
  {
    kind: 'one-rack',
    title: 'One rack',
    summary:
      'A ToR and its nodes in the cluster AS, eBGP to the ToR with the live-migration BGPFilter, and a VM that moves inside the rack.',
  },
  {
    kind: 'two-racks',
    title: 'Two racks, eBGP',
    summary:
      'Two racks under a spine and a border router, an AS per node and per ToR, the live-migration BGPFilter, and a VM that moves to the other rack.',
  },
];

function NewDesignDialog() {
  const stores = useStores();
  const [kind, setKind] = useState<NewDesignKind>('empty');
  const [nodesPerRack, setNodesPerRack] = useState(2);
  const close = () => stores.ui.getState().open({ kind: 'none' });
  const create = () => {
    if (startNewDesign(stores, kind === 'empty' ? { kind } : { kind, nodesPerRack })) close();
  };
  return (
    <Modal title="New design" onClose={close} testId="new-design-dialog">
      <div
        className="new-templates"
        role="radiogroup"
        aria-label="Start from"
        onKeyDown={(e) => {
          // Enter on the chosen template creates the design (a radio button does not submit by itself).
          if (e.key === 'Enter') {
            e.preventDefault();
            create();
          }
        }}
      >
        {TEMPLATES.map((t) => (
          <label
            key={t.kind}
            className={`new-template${kind === t.kind ? ' chosen' : ''}`}
            data-testid={`new-template-${t.kind}`}
          >
            <input
              type="radio"
              name="new-template"
              value={t.kind}
              checked={kind === t.kind}
              autoFocus={kind === t.kind}
              onChange={() => setKind(t.kind)}
            />
            <span>
              <strong>{t.title}</strong>
              <small>{t.summary}</small>
            </span>
          </label>
        ))}
      </div>
      <NumberInput
        label="Nodes per rack"
        value={nodesPerRack}
        min={NEW_DESIGN_NODES.min}
        max={NEW_DESIGN_NODES.max}
        onChange={setNodesPerRack}
        testId="new-nodes"
        disabled={kind === 'empty'}
      />
      <p className="muted">
        Replaces the current design, its title, description, tags, expected verdicts, lesson and layout (Undo brings
        them back). For a larger fabric, with every rack choice, use the{' '}
        <button
          type="button"
          className="link-btn"
          data-testid="new-open-fabric"
          onClick={() => stores.ui.getState().open({ kind: 'fabric-generator' })}
        >
          fabric generator
        </button>
        .
      </p>
      <div className="actions">
        <button className="btn" type="button" onClick={close}>
          Cancel
        </button>
        <button className="btn primary" type="button" data-testid="new-create" onClick={create}>
          Create
        </button>
      </div>
    </Modal>
  );
}

/** Whichever of the build dialogs is open. */
export default function BuildDialogs() {
  const kind = useUi((s) => s.dialog.kind);
  if (kind === 'new-design') return <NewDesignDialog />;
  if (kind === 'rack-template') return <RackTemplateDialog />;
  if (kind === 'fabric-generator') return <FabricDialog />;
  return null;
}
