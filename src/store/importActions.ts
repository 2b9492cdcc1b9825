// The page's trace import (issue 17), as store actions: an import begins, progresses, fails (the
// scenario, moment and view stay as they were), or lands: the trace becomes the scenario's
// workload, replayed by the same engine and live session as every scenario (the playback driver
// loads it). Mode, kernel version, FQ size, timeout, counter reuse and costs stay editable.

import type { ImportedTrace } from '../import/imported.ts';
import { replayScenario } from '../import/replayScenario.ts';
import { memoryRefusal } from '../sim/memory.ts';
import type { Scenario } from '../sim/scenario.ts';
import { navigationTo, type LabStore } from './labStore.ts';

export function importBegan(store: LabStore, name: string, total: number): void {
  store.setState({ importing: { name, bytes: 0, total, lines: 0 }, importError: null });
}

export function importProgress(store: LabStore, bytes: number, lines: number): void {
  const cur = store.getState().importing;
  if (cur) store.setState({ importing: { ...cur, bytes, lines } });
}

/** Refused or cancelled (message null): nothing the user had loaded changes. */
export function importFailed(store: LabStore, message: string | null): void {
  store.setState({ importing: null, importError: message });
}

/**
 * The trace is replayed: with a bundle's own scenario, or the current one given the trace's CPUs
 * and length (replayScenario, as the CLI). Deliberate navigation: a new history entry.
 */
export function importLoaded(store: LabStore, trace: ImportedTrace, bundleScenario?: Scenario): void {
  const s = store.getState();
  const scenario = bundleScenario ?? replayScenario({ ...s.scenario, interventions: [] }, trace, false).scenario;
  const tooBig = memoryRefusal(scenario);
  if (tooBig) return importFailed(store, `${JSON.stringify(trace.name)}: ${tooBig}`);
  store.setState({
    ...navigationTo(s, scenario),
    imported: trace,
    importSeq: s.importSeq + 1,
    importing: null,
    importError: null,
    replayIovas: null,
  });
}

/** Back to the scenario's own workload (the scenario's settings stay). */
export function closeImport(store: LabStore): void {
  const s = store.getState();
  if (!s.imported) return;
  store.setState({ imported: null, importSeq: s.importSeq + 1, replayIovas: null, importError: null });
}

/** The model's IOVAs of the replay's first I/Os, from the worker's finished run. */
export function setReplayIovas(store: LabStore, iova: number[] | null): void {
  store.setState({ replayIovas: iova });
}
