// The scenario controls: preset, mode, era, counter reuse, CPUs, seed, duration. Every control has
// a label; a rejected value shows the validator's message next to the control (and the scenario
// keeps its last valid value, so the URL and the results never describe an invalid scenario).

import { useState, type ChangeEvent } from 'react';
import { PRESETS } from '../sim/presets.ts';
import type { Scenario } from '../sim/scenario.ts';
import { choosePreset, rejectField, setField, type ControlKey } from '../store/labStore.ts';
import { useLab, useLabStore } from './labContext.ts';

const MODES: { value: Scenario['mode']; label: string }[] = [
  { value: 'strict', label: 'strict (invalidate on each unmap)' },
  { value: 'lazy', label: 'lazy (deferred via flush queue)' },
  { value: 'passthrough', label: 'passthrough (no translation)' },
];

const ERAS: { value: Scenario['era']; label: string }[] = [
  { value: 'A', label: 'A: v4.14 – v5.16' },
  { value: 'B', label: 'B: v5.17 – v6.6' },
  { value: 'C', label: 'C: v6.7 and later' },
];

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
  field: 'cpus' | 'seed' | 'durationMs';
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
  const value = useLab((s) => s.scenario[field]);
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
    else setField(store, field, n);
  };
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
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

type SelectKey = 'mode' | 'era';

/** A labelled <select> for an enumerated scenario field, with its error message. */
function SelectField<K extends SelectKey>({ id, label, field, options }: { id: string; label: string; field: K; options: { value: Scenario[K]; label: string }[] }) {
  const store = useLabStore();
  const value = useLab((s) => s.scenario[field]);
  const invalid = useLab((s) => field in s.fieldErrors);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={field}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => setField(store, field, e.target.value as Scenario[K])}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} field={field} />
    </div>
  );
}

export function Controls() {
  const store = useLabStore();
  const preset = useLab((s) => s.preset);
  const counterReuse = useLab((s) => s.scenario.counterReuse);

  return (
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

      <SelectField id="ctl-mode" label="Mode" field="mode" options={MODES} />
      <SelectField id="ctl-era" label="Kernel era" field="era" options={ERAS} />

      <div className="field">
        <label htmlFor="ctl-cr">Counter reuse</label>
        <div className="check-row">
          <input
            id="ctl-cr"
            name="counterReuse"
            type="checkbox"
            checked={counterReuse}
            onChange={(e) => setField(store, 'counterReuse', e.target.checked)}
          />
          <label htmlFor="ctl-cr" className="check-label">
            John Garry's <code>atomic64_inc_return</code> reuse
          </label>
        </div>
        <FieldError id="ctl-cr-error" field="counterReuse" />
      </div>

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
    </form>
  );
}
