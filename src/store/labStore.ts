// The page's state (DESIGN.md §1: "src/store/ Zustand vanilla stores"): the scenario being run,
// the preset it is based on, what the URL said, the run status and the last result. Actions are
// plain functions over a store instance, so the store works without React (tests, the runner, the
// URL sync) and React binds through selectors (src/ui/labContext.ts).
//
// The store never touches the DOM and never runs the simulation: src/ui/runner.ts watches
// `scenario` and drives the worker; src/ui/hashSync.ts watches `scenario`/`preset` and writes the
// URL.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { cloneScenario, validateScenario, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_PRESET, findPreset, presetScenario } from '../sim/presets.ts';
import type { Summary } from '../sim/run.ts';
import { decodeHash } from '../url/codec.ts';

/** Per-bucket series the chart needs (a subset of src/sim/metrics.ts `Series`). */
export interface ChartSeries {
  bucketNs: number;
  ios: number[];
  flushFull: number[];
  flushTimeout: number[];
  staleIotlb: number[];
  fqQueued: number[];
}

export interface RunResult {
  runId: number;
  summary: Summary;
  series: ChartSeries;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

/** The lab's panels (issue 5), in page order; the URL's view part lists the visible ones. */
export const PANEL_IDS = ['queues', 'timeline', 'throughput', 'iotlb', 'allocator', 'counters'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** The scenario fields the page's controls edit. */
export type ControlKey = 'mode' | 'era' | 'counterReuse' | 'cpus' | 'seed' | 'durationMs';

export interface LabState {
  scenario: Scenario;
  preset: string;
  /** Simulated moment from the URL (`t`), kept so rewriting the hash does not drop it. */
  t: number | undefined;
  /** The CPU the panels focus on (ring detail, statechart). */
  focusCpu: number;
  /** Visible panels, in page order. */
  panels: PanelId[];
  /** Who made the last scenario change: only user changes are written back to the URL. */
  source: 'url' | 'user';
  /** Messages about rejected parts of the URL hash, one per part. */
  urlErrors: string[];
  /** A rejected control value: the message, per control. */
  fieldErrors: Partial<Record<ControlKey, string>>;
  status: RunStatus;
  /** Id of the newest run requested; results of older runs are dropped. */
  runId: number;
  result: RunResult | null;
  runError: string | null;
}

export type LabStore = StoreApi<LabState>;

export function createLabStore(): LabStore {
  return createStore<LabState>()(() => ({
    scenario: presetScenario(DEFAULT_PRESET),
    preset: DEFAULT_PRESET,
    t: undefined,
    focusCpu: 0,
    panels: [...PANEL_IDS],
    source: 'url',
    urlErrors: [],
    fieldErrors: {},
    status: 'idle',
    runId: 0,
    result: null,
    runError: null,
  }));
}

/** Loads the scenario a URL hash describes; every rejected part becomes one message. */
export function loadFromHash(store: LabStore, hash: string): void {
  const d = decodeHash(hash);
  store.setState({
    scenario: d.scenario,
    preset: d.preset,
    t: d.t,
    source: 'url',
    urlErrors: d.errors,
    fieldErrors: {},
  });
}

/** Switches to a preset: its full scenario replaces the current one. */
export function choosePreset(store: LabStore, name: string): void {
  if (!findPreset(name)) return;
  store.setState({
    scenario: presetScenario(name),
    preset: name,
    source: 'user',
    urlErrors: [],
    fieldErrors: {},
  });
}

/**
 * Sets one control's field. The whole scenario is validated (cross-field rules included, e.g.
 * queue "single" exists only in era C); a rejected value leaves the scenario unchanged and records
 * the validator's messages for that control. Returns whether the value was accepted.
 */
export function setField<K extends ControlKey>(store: LabStore, key: K, value: Scenario[K]): boolean {
  const { scenario } = store.getState();
  const trial = cloneScenario(scenario);
  trial[key] = value;
  const { scenario: valid, errors } = validateScenario(trial);
  if (errors.length) {
    store.setState((s) => ({ fieldErrors: { ...s.fieldErrors, [key]: errors.join('; ') } }));
    return false;
  }
  store.setState((s) => {
    const fieldErrors = { ...s.fieldErrors };
    delete fieldErrors[key];
    return { scenario: valid, source: 'user', urlErrors: [], fieldErrors };
  });
  return true;
}

/** Records a control value that could not even be parsed (e.g. an empty number box). */
export function rejectField(store: LabStore, key: ControlKey, message: string): void {
  store.setState((s) => ({ fieldErrors: { ...s.fieldErrors, [key]: message } }));
}

export function clearFieldError(store: LabStore, key: ControlKey): void {
  store.setState((s) => {
    if (!(key in s.fieldErrors)) return s;
    const fieldErrors = { ...s.fieldErrors };
    delete fieldErrors[key];
    return { fieldErrors };
  });
}

export function dismissUrlErrors(store: LabStore): void {
  store.setState({ urlErrors: [] });
}

/** A new run of the current scenario begins; returns its id. */
export function runStarted(store: LabStore): number {
  const runId = store.getState().runId + 1;
  store.setState({ runId, status: 'running', runError: null });
  return runId;
}

/** A run finished; results of superseded runs are ignored. */
export function runFinished(store: LabStore, result: RunResult): void {
  if (result.runId !== store.getState().runId) return;
  store.setState({ status: 'done', result, runError: null });
}

export function runFailed(store: LabStore, runId: number, message: string): void {
  if (runId !== store.getState().runId) return;
  store.setState({ status: 'error', runError: message });
}
