// What a tour scan finds (scan.ts): plain data that crosses postMessage and that tests pin.

import type { TraceEvent } from '../trace.ts';

/** A multiple-choice question asked before the step's event is shown. */
export interface Predict {
  question: string;
  options: string[];
  /** Index into options. */
  answer: number;
  /** Said after the reveal: why that answer. */
  why: string;
}

/** Where a step fired, and what it says (plain data: crosses postMessage, pinned by tests). */
export interface TourHit {
  /** 1-based, as in the URL's `step`. */
  step: number;
  /** Index of the event in the run's time-ordered trace (0-based). */
  index: number;
  /** Simulated time of the event (ns). */
  t: number;
  cpu: number;
  ev: string;
  /** The event itself (its fields), for later steps and the panel. */
  event: TraceEvent;
  text: string;
  highlight: readonly string[];
  pause: boolean;
  predict: Predict | null;
}

export interface TourScan {
  chapter: string;
  hits: TourHit[];
  /** Steps whose event never came before the scan's limit (a broken chapter; tests fail on it). */
  missing: number[];
  /** Events scanned. */
  events: number;
}
