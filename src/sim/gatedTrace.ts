// The allocator's gated trace (engineEnv.ts used it; a leaf so src/sim/host.ts can name it without
// an import cycle, issue 13).

import type { EvCode, TraceSink } from './trace.ts';

/**
 * The allocator's trace when the scenario has an aged start state or burst interventions: those
 * run allocator operations that are not part of any CPU's traced job (aged.ts, burst.ts), so they
 * are muted (`on = false` around them). Without them the allocator gets the engine's trace itself
 * and pays nothing for this.
 */
export class GatedTrace implements TraceSink {
  on = true;
  constructor(private readonly sink: TraceSink) {}
  emit(ev: EvCode, t: number, cpu: number, a0?: number, a1?: number, a2?: number, a3?: number, a4?: number, a5?: number): void {
    if (this.on) this.sink.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }
}
