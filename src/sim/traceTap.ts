// A TraceRecorder that also hands every event, as the engine emits it, to one observer: the live
// worker's span recorder and marker collector (spans.ts, markers.ts) see the numeric records without
// the decode and reordering cost of a `listener`. The hash is unchanged: the recorder's own emit
// runs first, and the tap only reads. Events reach the tap in emit order: in time order per CPU
// (a CPU runs one job at a time) but possibly ahead of the engine's clock and of other CPUs'.
//
// It also keeps the events of the last engine step that emitted any (History.stepOnce calls
// beginStep; steps that only submit or resume emit nothing and leave them), so a view of the
// current moment can say what last happened (the page's "what just happened" line). Plain typed-array writes: checkpoints clone them with the engine, so a step back or a seek
// shows the same events as playing forward to that position.
//
// The tap is an object, never a closure, and history.ts detaches it while it clones an engine.

import { decode, TraceRecorder, type EvCode, type TraceEvent } from './trace.ts';

export interface TraceTap {
  emit(ev: EvCode, t: number, cpu: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): void;
}

/** Most events of one step kept for the view (a free pass can retire a whole ring: all are counted). */
export const STEP_EVENTS_KEPT = 6;
const REC = 9; // ev, t, cpu, a0..a5

export class TappedTrace extends TraceRecorder {
  tap: TraceTap | null = null;
  /** Events the last engine step that emitted any emitted. */
  stepCount = 0;
  /** Steps since that one (which emitted nothing). */
  quietSteps = 0;
  /** A step began and has not emitted yet: its first event replaces the kept ones. */
  private fresh = false;
  private readonly stepRecs = new Float64Array(STEP_EVENTS_KEPT * REC);

  override emit(ev: EvCode, t: number, cpu: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): void {
    super.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
    if (this.fresh) {
      this.fresh = false;
      this.stepCount = 0;
      this.quietSteps = 0;
    }
    const n = this.stepCount++;
    if (n < STEP_EVENTS_KEPT) {
      const r = this.stepRecs;
      const o = n * REC;
      r[o] = ev;
      r[o + 1] = t;
      r[o + 2] = cpu;
      r[o + 3] = a0;
      r[o + 4] = a1;
      r[o + 5] = a2;
      r[o + 6] = a3;
      r[o + 7] = a4;
      r[o + 8] = a5;
    }
    if (this.tap !== null) this.tap.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }

  /** A new engine step begins: its first event (if any) replaces the kept ones. */
  beginStep(): void {
    this.fresh = true;
    this.quietSteps++; // back to 0 if it emits
  }

  /** The first STEP_EVENTS_KEPT events of the last step that emitted any, decoded, in emit order. */
  stepEvents(): TraceEvent[] {
    const out: TraceEvent[] = [];
    const r = this.stepRecs;
    for (let n = 0; n < Math.min(this.stepCount, STEP_EVENTS_KEPT); n++) {
      const o = n * REC;
      out.push(decode(r[o] as EvCode, r[o + 1], r[o + 2], [r[o + 3], r[o + 4], r[o + 5], r[o + 6], r[o + 7], r[o + 8]]));
    }
    return out;
  }
}
