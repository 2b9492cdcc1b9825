// The page's state (README, "Where things are": Zustand vanilla stores): the scenario being run,
// the preset it is based on, what the URL said, the run status and the last result. Actions are
// plain functions over a store instance, so the store works without React (tests, the runner, the
// URL sync) and React binds through selectors (src/ui/labContext.ts).
//
// The store never touches the DOM and never runs the simulation: src/ui/playbackDriver.ts watches
// `scenario` and drives the live worker, whose one run also gives `result`; src/ui/hashSync.ts
// watches `scenario`/`preset` and writes the URL.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { cloneScenario, type Intervention, type Scenario } from '../sim/scenario.ts';
import { validateScenario } from '../sim/validate.ts';
import { memoryRefusal } from '../sim/memory.ts';
import { DEFAULT_PRESET, findPreset, presetScenario } from '../sim/presets.ts';
import type { Summary } from '../sim/run.ts';
import { decodeHash, type Page, type TourAt } from '../url/codec.ts';
import { findChapter } from '../sim/tour/chapters.ts';
import { chapterScenario } from '../sim/tour/chapterScenario.ts';
import type { CmpPart } from '../url/compare.ts';
import { PANEL_IDS, type PanelId } from '../url/view.ts';
import type { ChartSeries } from '../worker/protocol.ts';
import type { ImportedTrace } from '../import/imported.ts';

export interface RunResult {
  runId: number;
  summary: Summary;
  /** Engine steps simulated so far (the playback bar's "step" at the end of the run). */
  steps: number;
  series: ChartSeries;
  /** The run is still being simulated: the numbers cover its first summary.simulatedMs only. */
  partial: boolean;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

export { PANEL_IDS, type PanelId };

/** The scenario fields the page's controls edit. */
export type ControlKey = 'mode' | 'kernel' | 'pci' | 'forcedac' | 'counterReuse' | 'cpus' | 'seed' | 'durationMs' | 'fqSize' | 'fqTimeoutMs' | WorkloadKey | ScaleKey;
/** Controls of the scale inputs (docs/model.md "Scale inputs"). */
export type ScaleKey = 'granuleKiB' | 'deviceBps' | 'devices' | 'numaNodes' | 'atomics';
/** Controls of `scenario.workload` (latencyMeanUs is workload.latency.meanUs). */
export type WorkloadKey = 'qd' | 'loadCpus' | 'completion' | 'latencyMeanUs' | 'hwQueues';

export interface LabState {
  scenario: Scenario;
  preset: string;
  /** Simulated moment from the URL (`t`), kept so rewriting the hash does not drop it. */
  t: number | undefined;
  /** The CPU the panels focus on (ring detail, statechart). */
  focusCpu: number;
  /** Visible panels, in page order. */
  panels: PanelId[];
  /**
   * Who made the last change of the URL-borne state (URL_FIELDS):
   * 'url' came from the URL and is not written back; 'user' is an edit (scrub, focus, control) that
   * replaces the current history entry; 'nav' is deliberate navigation (preset change, gallery
   * pick) that pushes a new entry, so Back returns to what was before (ui/hashSync.ts).
   */
  source: 'url' | 'user' | 'nav';
  /** Counts deliberate navigations; each new value is one new history entry. */
  navSeq: number;
  /** The lab, or the preset gallery (URL `view=gallery`). */
  page: Page;
  /** Teaching (issue 15): the guided tour open and its 1-based step (URL `tour`, `step`), or null. */
  tour: TourAt | null;
  /** A/B compare (issue 16, URL `cmp`): B's differences from `scenario`; null = no compare. */
  cmp: CmpPart[] | null;
  /** Embed (URL `embed=1`, issue 16): the chosen panels and the playback bar only. */
  embed: boolean;
  /** Messages about rejected parts of the URL hash, one per part. */
  urlErrors: string[];
  /** A rejected control value: the message, per control. */
  fieldErrors: Partial<Record<ControlKey, string>>;
  status: RunStatus;
  /** Id of the newest run requested; results of older runs are dropped. */
  runId: number;
  result: RunResult | null;
  runError: string | null;
  // Trace import (issue 17; actions in importActions.ts). An imported trace is not in the URL: it
  // travels as a .fqlab.json file.
  /** The trace being replayed instead of the scenario's workload, or null. */
  imported: ImportedTrace | null;
  /** Counts imports (and closes): each new value is a new load even if the scenario is unchanged. */
  importSeq: number;
  /** An import under way: the file and how far it has been read. */
  importing: { name: string; bytes: number; total: number; lines: number } | null;
  /** Why the last import was refused (nothing else changed). */
  importError: string | null;
  /** The model's IOVA of the replay's first I/Os (bytes), from the last complete run. */
  replayIovas: number[] | null;
}

export type LabStore = StoreApi<LabState>;

/** The state a link carries (src/url/codec.ts encodes it; src/ui/hashSync.ts keeps the hash in step). */
export const URL_FIELDS = ['scenario', 'preset', 't', 'focusCpu', 'panels', 'page', 'tour', 'cmp', 'embed'] as const;
export type UrlState = Pick<LabState, (typeof URL_FIELDS)[number]>;

export function createLabStore(): LabStore {
  return createStore<LabState>()(() => ({
    scenario: presetScenario(DEFAULT_PRESET),
    preset: DEFAULT_PRESET,
    t: undefined,
    focusCpu: 0,
    panels: [...PANEL_IDS],
    source: 'url',
    navSeq: 0,
    page: 'lab',
    tour: null,
    cmp: null,
    embed: false,
    urlErrors: [],
    fieldErrors: {},
    status: 'idle',
    runId: 0,
    result: null,
    runError: null,
    imported: null,
    importSeq: 0,
    importing: null,
    importError: null,
    replayIovas: null,
  }));
}

/** Loads the scenario a URL hash describes; every rejected part becomes one message. */
export function loadFromHash(store: LabStore, hash: string): void {
  const d = decodeHash(hash, { panelIds: PANEL_IDS });
  // Too big for the page's memory (src/sim/memory.ts): refused before any run, named; the ring size
  // falls back to the version's default and the rest of the link applies.
  const tooBig = memoryRefusal(d.scenario);
  if (tooBig) {
    d.scenario = { ...d.scenario, fqSize: 0 };
    d.errors = [...d.errors, `${tooBig}; fq was not applied (the kernel version's default ring size is used)`];
  }
  // A tour runs its chapter's scenario (src/sim/tour/chapters.ts): a link with only
  // `tour=…&step=…` opens it from a fresh page; a shared link also carries the same scenario.
  const ch = d.tour ? findChapter(d.tour.id) : undefined;
  if (ch) {
    d.scenario = chapterScenario(ch);
    d.preset = ch.preset;
  }
  const cur = store.getState().scenario;
  const same = JSON.stringify(d.scenario) === JSON.stringify(cur);
  // A link (Back, a pasted URL) to another scenario cannot carry a trace: the import is dropped.
  const st = store.getState();
  const dropImport = !same && st.imported ? { imported: null, importSeq: st.importSeq + 1, replayIovas: null } : {};
  store.setState({
    ...dropImport,
    // The same scenario keeps its object, so a hash that changes only the view (t, fc, pn) moves
    // the moment without a new run (playbackDriver.ts loads a new object).
    scenario: same ? cur : d.scenario,
    preset: d.preset,
    t: d.t,
    focusCpu: d.focusCpu ?? 0,
    panels: (d.panels as PanelId[] | undefined) ?? [...PANEL_IDS],
    page: d.page,
    tour: d.tour ?? null,
    cmp: d.cmp ?? null,
    embed: d.embed,
    source: 'url',
    urlErrors: d.errors,
    fieldErrors: {},
  });
}

/**
 * Switches to a preset (menu, gallery pick): its full scenario replaces the current one, from its
 * start, on the lab page. Deliberate navigation: a new history entry.
 */
export function choosePreset(store: LabStore, name: string): void {
  if (!findPreset(name)) return;
  const scenario = presetScenario(name);
  store.setState((s) => ({
    ...navigationTo(s, scenario),
    preset: name,
    // A preset is the scenario's own workload: an imported trace stops being replayed.
    ...(s.imported ? { imported: null, importSeq: s.importSeq + 1, replayIovas: null } : {}),
  }));
}

// ---- Teaching: guided tours (issue 15; src/ui/tour/) ----

/** Opens a chapter's tour at a step: its scenario replaces the current one. A new history entry. */
export function openTour(store: LabStore, id: string, step = 1): void {
  const ch = findChapter(id);
  if (!ch) return;
  const scenario = chapterScenario(ch);
  store.setState((s) => ({
    scenario: JSON.stringify(scenario) === JSON.stringify(s.scenario) ? s.scenario : scenario,
    preset: ch.preset,
    t: s.tour?.id === id ? s.t : undefined,
    focusCpu: s.focusCpu < scenario.cpus ? s.focusCpu : 0,
    tour: { id, step: Math.min(Math.max(1, step), ch.steps.length) },
    page: 'lab',
    source: 'nav',
    navSeq: s.navSeq + 1,
    urlErrors: [],
    fieldErrors: {},
  }));
}

/** Shows a step of the open tour: its moment and the CPU it is about (replaces the history entry). */
export function showTourStep(store: LabStore, step: number, t: number, cpu: number): void {
  const s = store.getState();
  if (!s.tour) return;
  const focusCpu = cpu >= 0 && cpu < s.scenario.cpus ? cpu : s.focusCpu;
  if (s.tour.step === step && s.t === t && s.focusCpu === focusCpu) return;
  store.setState({ tour: s.tour.step === step ? s.tour : { id: s.tour.id, step }, t, focusCpu, source: 'user' });
}

/** Leaves the tour; the scenario and the moment stay. */
export function closeTour(store: LabStore): void {
  if (store.getState().tour === null) return;
  store.setState({ tour: null, source: 'user' });
}

/** The moment shown (scrubbing, stepping, playing): replaces the history entry's `t`. */
export function setT(store: LabStore, t: number | undefined): void {
  if (store.getState().t === t) return;
  store.setState({ t, source: 'user' });
}

/** The CPU the panels focus on; ignored if the scenario has no such CPU. */
export function setFocusCpu(store: LabStore, cpu: number): void {
  const s = store.getState();
  if (s.focusCpu === cpu || !Number.isInteger(cpu) || cpu < 0 || cpu >= s.scenario.cpus) return;
  store.setState({ focusCpu: cpu, source: 'user' });
}

/** The visible panels; kept in page order, unknown ids dropped. */
export function setPanels(store: LabStore, panels: readonly PanelId[]): void {
  const next = PANEL_IDS.filter((id) => panels.includes(id));
  const cur = store.getState().panels;
  if (next.length === cur.length && next.every((id, i) => cur[i] === id)) return;
  store.setState({ panels: next, source: 'user' });
}

/** Opens the preset gallery or goes back to the lab: a new history entry. */
export function showPage(store: LabStore, page: Page): void {
  if (store.getState().page === page) return;
  store.setState((s) => ({ page, source: 'nav', navSeq: s.navSeq + 1 }));
}

// --- A/B compare (issue 16): which differences B has; the B run itself is src/ui/compareDriver.ts.

/** Opens the compare with B = the scenario with these differences (src/url/compare.ts): a new history entry. */
export function openCompare(store: LabStore, diff: readonly CmpPart[]): void {
  if (diff.length === 0) return;
  store.setState((s) => ({ cmp: diff.map((d) => ({ ...d })), page: 'lab', source: 'nav', navSeq: s.navSeq + 1 }));
}

/** Leaves the compare; the scenario (A) and the moment stay. A new history entry. */
export function leaveCompare(store: LabStore): void {
  if (store.getState().cmp === null) return;
  store.setState((s) => ({ cmp: null, source: 'nav', navSeq: s.navSeq + 1 }));
}

/**
 * Shows a scenario derived elsewhere at moment t (the compare's B store follows A: its scenario
 * and its moment are A's, with B's differences). Not from the URL and not an edit of it.
 */
export function showScenario(store: LabStore, scenario: Scenario, preset: string, t: number | undefined, imported: ImportedTrace | null = null): void {
  const cur = store.getState();
  if (cur.scenario === scenario && cur.t === t && cur.imported === imported) return;
  // A compare's B replays A's imported trace (issue 17 "compared A/B"): set with the scenario in one
  // update, so B's driver loads once, with both.
  const replay = cur.imported === imported ? {} : { imported, importSeq: cur.importSeq + 1, replayIovas: null };
  store.setState({ scenario, preset, t, source: 'url', ...replay });
}

/**
 * What a deliberate navigation to a new scenario sets (a new history entry, at its start, on the lab
 * page, messages cleared): choosing a preset, or an imported trace becoming the scenario.
 */
export function navigationTo(s: LabState, scenario: Scenario): Partial<LabState> {
  return {
    scenario,
    t: undefined,
    focusCpu: s.focusCpu < scenario.cpus ? s.focusCpu : 0,
    page: 'lab',
    source: 'nav',
    navSeq: s.navSeq + 1,
    urlErrors: [],
    fieldErrors: {},
  };
}

/**
 * Sets one control's field. The whole scenario is validated (cross-field rules included, e.g.
 * queue "single" exists only from kernel 6.7); a rejected value leaves the scenario unchanged and records
 * the validator's messages for that control. Returns whether the value was accepted.
 */
export function setField<K extends Exclude<ControlKey, WorkloadKey>>(store: LabStore, key: K, value: Scenario[K]): boolean {
  const trial = cloneScenario(store.getState().scenario);
  trial[key] = value;
  return commitField(store, key, trial);
}

/** The value of a workload control. */
export function workloadValue(s: Scenario, key: WorkloadKey): number | string {
  return key === 'latencyMeanUs' ? s.workload.latency.meanUs : s.workload[key];
}

/** setField for a workload control. */
export function setWorkloadField(store: LabStore, key: WorkloadKey, value: number | string): boolean {
  const trial = cloneScenario(store.getState().scenario);
  if (key === 'latencyMeanUs') trial.workload.latency.meanUs = value as number;
  else if (key === 'completion') trial.workload.completion = value as Scenario['workload']['completion'];
  else trial.workload[key] = value as number;
  return commitField(store, key, trial);
}

/**
 * Appends an intervention (a history fork made in the page, src/ui/playbackDriver.ts). Returns the
 * new scenario, or null (and nothing changes) if it is not valid.
 */
export function addIntervention(store: LabStore, x: Intervention): Scenario | null {
  const trial = cloneScenario(store.getState().scenario);
  trial.interventions.push(x);
  const { scenario, errors } = validateScenario(trial);
  if (errors.length) return null;
  store.setState({ scenario, source: 'user', urlErrors: [] });
  return scenario;
}

function commitField(store: LabStore, key: ControlKey, trial: Scenario): boolean {
  const { scenario: valid, errors } = validateScenario(trial);
  // A valid scenario too big for the page's memory is refused before any run (src/sim/memory.ts).
  const tooBig = errors.length ? null : memoryRefusal(valid, { cpus: 'CPUs', fqSize: 'FQ size' });
  if (errors.length || tooBig) {
    store.setState((s) => ({ fieldErrors: { ...s.fieldErrors, [key]: tooBig ?? errors.join('; ') } }));
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

export function dismissUrlErrors(store: LabStore): void {
  store.setState({ urlErrors: [] });
}

/** A new run of the current scenario begins; returns its id. */
export function runStarted(store: LabStore): number {
  const runId = store.getState().runId + 1;
  store.setState({ runId, status: 'running', runError: null });
  return runId;
}

/** The run so far (a partial result, while it is simulated); superseded runs are ignored. */
export function runProgress(store: LabStore, result: RunResult): void {
  if (result.runId !== store.getState().runId || store.getState().status !== 'running') return;
  store.setState({ result });
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
