// The scenario controls: preset, mode, kernel version (with what changes at it), the PCI device and
// iommu.forcedac, counter reuse, CPUs, seed, duration, the scale inputs (granule, hardware queues,
// device bandwidth, devices, NUMA nodes, atomics), the flush queue's
// size and timeout, and the workload (queue depth, device latency, completion CPU, loaded CPUs).
// Every control has a label; a rejected value shows the validator's message next to the control
// (and the scenario keeps its last valid value, so the URL and the results never describe an
// invalid scenario). Changing one restarts the run; interventions (Interventions.tsx) apply at the
// current moment instead.

import { useState, type ChangeEvent, type ReactNode } from 'react';
import { WithTerms } from '../panels/glossary/Term.tsx';
import { KERNEL_VERSIONS } from '../sim/kernel/versions.ts';
import { PRESETS } from '../sim/presets.ts';
import type { Scenario } from '../sim/scenario.ts';
import { choosePreset, openCompare, rejectField, setField, setWorkloadField, workloadValue, type ControlKey, type LabStore, type WorkloadKey } from '../store/labStore.ts';
import { describeCmp, flipCmp, type FlipField } from '../url/compare.ts';
import { Interventions } from './Interventions.tsx';
import { useLab, useLabStore } from './labContext.ts';
import { openSweep } from './sweepOpen.ts';

type NumKey = 'cpus' | 'seed' | 'durationMs' | 'fqSize' | 'fqTimeoutMs' | 'qd' | 'loadCpus' | 'latencyMeanUs' | 'hwQueues' | 'deviceBps' | 'devices' | 'numaNodes';
type SelectKey = 'mode' | 'kernel' | 'completion' | 'granuleKiB' | 'atomics';
const WORKLOAD_KEYS: readonly string[] = ['qd', 'loadCpus', 'latencyMeanUs', 'completion', 'hwQueues'] satisfies WorkloadKey[];
const isWorkload = (k: ControlKey): k is WorkloadKey => WORKLOAD_KEYS.includes(k);

/** A control's value in the scenario (workload controls live in scenario.workload). */
function readControl(s: Scenario, k: NumKey | SelectKey): number | string {
  return isWorkload(k) ? workloadValue(s, k) : s[k];
}

function writeControl(store: LabStore, k: NumKey | SelectKey, v: number | string): void {
  if (isWorkload(k)) setWorkloadField(store, k, v);
  else setField(store, k, (k === 'granuleKiB' ? Number(v) : v) as never);
}

const COMPLETIONS: { value: Scenario['workload']['completion']; label: string }[] = [
  { value: 'same', label: 'same CPU as the submitter' },
  { value: 'next', label: 'next CPU' },
  { value: 'random', label: 'a random CPU' },
  { value: 'fixed', label: 'one fixed CPU' },
  { value: 'hwq', label: 'first CPU of each hardware queue group' },
];

const GRANULES = [
  { value: '4', label: '4 KiB' },
  { value: '64', label: '64 KiB (arm64 64 K pages)' },
];
const ATOMICS = [
  { value: 'flat', label: 'flat (every increment a cache-line write)' },
  { value: 'arm64', label: 'arm64 LSE (STADD relaxed, LDADDAL ordered)' },
];

const MODES: { value: Scenario['mode']; label: string }[] = [
  { value: 'strict', label: 'strict (invalidate on each unmap)' },
  { value: 'lazy', label: 'lazy (deferred via flush queue)' },
  { value: 'passthrough', label: 'passthrough (no translation)' },
];

const KERNELS: { value: string; label: string }[] = KERNEL_VERSIONS.map((v) => ({ value: v.id, label: `v${v.id}` }));

/** A labelled checkbox for a boolean scenario field, with its error message. */
function CheckField({ id, label, field, text, compare }: { id: string; label: string; field: 'pci' | 'forcedac' | 'counterReuse'; text: ReactNode; compare?: ReactNode }) {
  const store = useLabStore();
  const checked = useLab((s) => s.scenario[field]);
  return (
    <div className="field">
      <label htmlFor={id}>
        <WithTerms text={label} />
      </label>
      <div className="check-row">
        <input id={id} name={field} type="checkbox" checked={checked} onChange={(e) => setField(store, field, e.target.checked)} />
        <label htmlFor={id} className="check-label">
          {text}
        </label>
      </div>
      {compare}
      <FieldError id={`${id}-error`} field={field} />
    </div>
  );
}

function FieldError({ id, field }: { id: string; field: ControlKey }) {
  const error = useLab((s) => s.fieldErrors[field]);
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      {error}
    </p>
  );
}

interface NumberFieldProps {
  id: string;
  label: string;
  field: NumKey;
  min: number;
  max: number;
  step: number | 'any';
  hint: string;
}

/**
 * A number box that keeps what the user typed (even when it is not valid yet) and commits each
 * valid value to the store as it is typed.
 */
function NumberField({ id, label, field, min, max, step, hint }: NumberFieldProps) {
  const store = useLabStore();
  const value = useLab((s) => readControl(s.scenario, field) as number);
  const invalid = useLab((s) => field in s.fieldErrors);
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // The value changed from elsewhere (preset, URL): show it, unless it is what the box says.
    setShown(value);
    if (Number(draft) !== value) setDraft(String(value));
  }
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const text = e.target.value;
    setDraft(text);
    const n = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(n)) rejectField(store, field, `${field}: enter a number in [${min}, ${max}]`);
    else writeControl(store, field, n);
  };
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>
        <WithTerms text={label} />
      </label>
      <input
        id={id}
        name={field}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft}
        onChange={onChange}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${hintId} ${errId}` : hintId}
      />
      <span className="hint" id={hintId}>
        {hint}
      </span>
      <FieldError id={errId} field={field} />
    </div>
  );
}

/** A labelled <select> for an enumerated scenario field, with its error message. */
function SelectField({
  id,
  label,
  field,
  options,
  hint,
  compare,
}: {
  id: string;
  label: string;
  field: SelectKey;
  options: { value: string; label: string }[];
  hint?: string;
  compare?: ReactNode;
}) {
  const store = useLabStore();
  const value = useLab((s) => String(readControl(s.scenario, field)));
  const invalid = useLab((s) => field in s.fieldErrors);
  return (
    <div className="field">
      <label htmlFor={id}>
        <WithTerms text={label} />
      </label>
      <select
        id={id}
        name={field}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={[hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => writeControl(store, field, e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {compare}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`} field={field} />
    </div>
  );
}

/** A/B compare (issue 16): opens the compare with B = this field flipped (src/url/compare.ts flipCmp). */
function CompareButton({ field, what }: { field: FlipField; what: string }) {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const diff = flipCmp(scenario, field);
  return (
    <button
      type="button"
      className="compare-button"
      data-compare={field}
      disabled={!diff}
      title={diff ? `Run A and B side by side, B = this scenario with ${describeCmp(diff)}` : `No valid B with another ${what}`}
      onClick={() => diff && openCompare(store, diff)}
    >
      {diff ? `Compare with ${describeCmp(diff)}` : 'Compare'}
    </button>
  );
}

export function Controls() {
  const store = useLabStore();
  const preset = useLab((s) => s.preset);
  const kernel = useLab((s) => s.scenario.kernel);
  const changes = KERNEL_VERSIONS.find((v) => v.id === kernel)?.changes ?? '';

  return (
    <>
      <form className="controls" aria-label="Scenario" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-preset">
          <label htmlFor="ctl-preset">Preset</label>
          <select
            id="ctl-preset"
            name="preset"
            value={preset}
            aria-describedby="ctl-preset-desc"
            onChange={(e) => choosePreset(store, e.target.value)}
          >
            {PRESETS.map((p) => (
              <option key={p.name} value={p.name} title={p.description}>
                {p.name} — {p.description}
              </option>
            ))}
          </select>
          <span className="hint" id="ctl-preset-desc">
            Choosing a preset resets the other controls to its values.
          </span>
        </div>

        <SelectField id="ctl-mode" label="Mode" field="mode" options={MODES} hint="restarts the run; “Switch mode” below applies at the current moment" compare={<CompareButton field="mode" what="mode" />} />
        <SelectField id="ctl-kv" label="Kernel version" field="kernel" options={KERNELS} hint={changes} compare={<CompareButton field="kv" what="kernel version" />} />
        <CheckField id="ctl-pci" label="PCI device" field="pci" text={<>tries a 32-bit IOVA first (SAC)</>} />
        <CheckField id="ctl-fdac" label="iommu.forcedac" field="forcedac" text={<>no 32-bit-first attempt</>} />
        <CheckField id="ctl-cr" label="Counter reuse" field="counterReuse" text={<>John Garry's <code>atomic64_inc_return</code> reuse</>} compare={<CompareButton field="cr" what="counter reuse" />} />
        {/* Sweep (issue 20): one run per toggle state says little; the distribution over seeds says more. */}
        <button type="button" className="field-aside" data-testid="cr-seeds" onClick={() => openSweep('counter-reuse')}>
          Compare over 10 seeds
        </button>

        <NumberField id="ctl-cpus" label="CPUs" field="cpus" min={1} max={512} step={1} hint="1 – 512" />
        <NumberField id="ctl-seed" label="Seed" field="seed" min={0} max={4294967295} step={1} hint="PRNG seed, 0 – 4294967295" />
        <NumberField
          id="ctl-dur"
          label="Duration (ms)"
          field="durationMs"
          min={0.001}
          max={600000}
          step="any"
          hint="simulated milliseconds"
        />
        <details className="field-more">
          <summary>Flush queue and workload</summary>
          <div className="field-more-grid">
            <NumberField id="ctl-fq" label="FQ size (slots)" field="fqSize" min={0} max={65536} step={1} hint="power of two; 0 = default (256)" />
            <NumberField id="ctl-fqt" label="FQ timeout (ms)" field="fqTimeoutMs" min={0} max={10000} step="any" hint="0 = default (10 ms)" />
            <NumberField id="ctl-qd" label="Queue depth" field="qd" min={1} max={4096} step={1} hint="outstanding I/Os per submitting CPU" />
            <NumberField id="ctl-lat" label="Device latency (µs)" field="latencyMeanUs" min={0.1} max={1000000} step="any" hint="mean time the device holds an I/O" />
            <SelectField id="ctl-cp" label="Completion CPU" field="completion" options={COMPLETIONS} />
            <NumberField id="ctl-lc" label="Loaded CPUs" field="loadCpus" min={0} max={512} step={1} hint="CPUs 0 … n−1 submit I/O; 0 = all" />
          </div>
        </details>
        <details className="field-more">
          <summary>Scale inputs</summary>
          <div className="field-more-grid">
            <SelectField id="ctl-gr" label="IOVA granule" field="granuleKiB" options={GRANULES} hint="sizes stay in 4 KiB units" />
            <NumberField id="ctl-hwq" label="Hardware queues" field="hwQueues" min={1} max={512} step={1} hint="for completion “first CPU of each hardware queue group”" />
            <NumberField id="ctl-bw" label="Device bandwidth (bytes/s)" field="deviceBps" min={0} max={1e13} step="any" hint="per device; 0 = unlimited" />
            <NumberField id="ctl-dev" label="Devices" field="devices" min={1} max={64} step={1} hint="submitter i uses device i mod n" />
            <NumberField id="ctl-numa" label="NUMA nodes" field="numaNodes" min={1} max={64} step={1} hint="1 = flat lock hand-off" />
            <SelectField id="ctl-atom" label="Atomics" field="atomics" options={ATOMICS} />
          </div>
        </details>
      </form>
      <Interventions />
    </>
  );
}
