// A TraceRecorder that also hands every event, as the engine emits it, to one observer: the live
// worker's span recorder and marker collector (spans.ts, markers.ts) see the numeric records without
// the decode and reordering cost of a `listener`. The hash is unchanged: the recorder's own emit
// runs first, and the tap only reads. Events reach the tap in emit order: in time order per CPU
// (a CPU runs one job at a time) but possibly ahead of the engine's clock and of other CPUs'.
//
// The tap is an object, never a closure, and history.ts detaches it while it clones an engine.

import { TraceRecorder, type EvCode } from './trace.ts';

export interface TraceTap {
  emit(ev: EvCode, t: number, cpu: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): void;
}

export class TappedTrace extends TraceRecorder {
  tap: TraceTap | null = null;

  override emit(ev: EvCode, t: number, cpu: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): void {
    super.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
    if (this.tap !== null) this.tap.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }
}
