// Guided tours (issue 15): a tour is data. Each chapter names a scenario and a list of steps; a
// step's `when` is a predicate on one trace event and the state the trace has built up before it
// (context.ts), so scan.ts finds the exact event in Node and in the browser alike. Texts and
// prediction answers are built from the run at scan time: no number in a tour is typed in.

import type { PresetOverrides } from '../presets.ts';
import type { TraceEvent } from '../trace.ts';
import type { TourCtx } from './context.ts';
import type { Predict } from './hit.ts';

export type { Predict, TourHit, TourScan } from './hit.ts';

export interface StepDef {
  /** Fires on the first event, after the previous step's event, for which this holds. */
  when: (e: TraceEvent, c: TourCtx) => boolean;
  /** The narration, built from the event and the state just before it. */
  text: (e: TraceEvent, c: TourCtx) => string;
  /** `data-tour` values of the elements to outline (e.g. "queues:panel", "counters:row-flushFull"). */
  highlight: readonly string[];
  /** Pause the playback at the event (every step does today; kept explicit as the issue asks). */
  pause: boolean;
  /** Ask before revealing: the playback shows the moment just before the event until answered. */
  predict?: (e: TraceEvent, c: TourCtx) => Predict;
}

export interface ChapterDef {
  id: string;
  title: string;
  /** One line for the chapter list. */
  summary: string;
  /** The scenario: a preset and overrides of it. */
  preset: string;
  overrides: PresetOverrides;
  steps: readonly StepDef[];
}
