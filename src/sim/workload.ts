// The DMA workload each submitting CPU runs (docs/model.md, "The workload"): a fixed number of
// outstanding I/Os per CPU; each maps a buffer of a size drawn from the mix, the device works on it
// for a latency drawn from the distribution, and the I/O completes on a CPU chosen by the
// completion policy, which unmaps it. Everything random here draws from the run's one PRNG.

import type { Rng } from './rng.ts';
import type { Scenario } from './scenario.ts';

export class Workload {
  private readonly cum: Float64Array;
  private readonly pages: Int32Array;
  private readonly total: number;
  private readonly dist: number;
  private readonly meanNs: number;
  private readonly spreadNs: number;

  constructor(
    private readonly s: Scenario,
    private readonly rng: Rng,
  ) {
    const sizes = s.workload.sizes;
    this.cum = new Float64Array(sizes.length);
    this.pages = new Int32Array(sizes.length);
    let acc = 0;
    sizes.forEach((x, i) => {
      acc += x.weight;
      this.cum[i] = acc;
      this.pages[i] = x.pages;
    });
    this.total = acc;
    const l = s.workload.latency;
    this.dist = l.dist === 'fixed' ? 0 : l.dist === 'uniform' ? 1 : 2;
    this.meanNs = l.meanUs * 1000;
    this.spreadNs = l.spreadUs * 1000;
  }

  /** Mapping length in granules for the next I/O. */
  pickPages(): number {
    if (this.pages.length === 1) return this.pages[0];
    const x = this.rng.float() * this.total;
    let i = 0;
    while (i < this.cum.length - 1 && x >= this.cum[i]) i++;
    return this.pages[i];
  }

  /** Device latency in integer ns (>= 1). */
  latencyNs(): number {
    let v: number;
    if (this.dist === 0) v = this.meanNs;
    else if (this.dist === 1) v = this.meanNs + (this.rng.float() * 2 - 1) * this.spreadNs;
    else v = -Math.log(1 - this.rng.float()) * this.meanNs;
    return Math.max(1, Math.round(v));
  }

  /** The CPU that handles the completion (and unmap) of an I/O submitted on `cpu`. */
  completionCpu(cpu: number): number {
    switch (this.s.workload.completion) {
      case 'same':
        return cpu;
      case 'next':
        return (cpu + 1) % this.s.cpus;
      case 'random':
        return this.rng.int(this.s.cpus);
      case 'fixed':
        return this.s.workload.completionCpu;
    }
  }
}
