// The DMA workload each submitting CPU runs (docs/model.md, "The workload"): a fixed number of
// outstanding I/Os per CPU; each maps a buffer of a size drawn from the mix, the device works on it
// for a latency drawn from the distribution, and the I/O completes on a CPU chosen by the
// completion policy, which unmaps it. Everything random here draws from the run's one PRNG.

//
// Sizes are given in 4 KiB units (bytes / 4096); the IOVA length is that in granules, rounded up
// (iommu_dma_map_page: iova_align(iovad, size) >> iova_shift), so with a 64 KiB granule a 4 MiB
// transfer is 64 granules, not 1024. Device bandwidth (deviceBps) makes each device a FIFO server:
// see completionAt.

import type { Rng } from './rng.ts';
import type { Scenario, SizeWeight } from './scenario.ts';

export class Workload {
  private cum = new Float64Array(0);
  /** Mapping length in granules, per mix entry. */
  private pages = new Int32Array(0);
  /** Transfer size in bytes, per mix entry. */
  private bytes = new Float64Array(0);
  private total = 0;
  /** Bytes of the I/O the last pickPages chose. */
  lastBytes = 0;
  private readonly unitsPerGranule: number;
  /** 'hwq': the completion CPU (first CPU of the hardware queue's group) per submitting CPU. */
  private readonly hwqCpu: Int32Array;
  /** Per device: when its link is free again (bandwidth server); empty when bandwidth is unlimited. */
  private readonly deviceFree: Float64Array;
  private readonly nsPerByte: number;
  private readonly dist: number;
  private readonly meanNs: number;
  private readonly spreadNs: number;

  constructor(
    private readonly s: Scenario,
    private readonly rng: Rng,
  ) {
    this.unitsPerGranule = (s.granuleKiB ?? 4) / 4;
    this.setSizes(s.workload.sizes);
    // blk_mq_map_queues: N queues over P CPUs in contiguous groups; a queue's managed IRQ has one
    // CPU of its mask as effective affinity (modelled as the first), which runs every completion of
    // the group (John Garry's HiSilicon SAS: 16 IRQ CPUs free, all CPUs allocate). Drivers
    // allocate at most one queue per CPU (min(hardware queues, CPUs)), and so does this.
    const P = s.cpus;
    const N = Math.min(Math.max(1, s.workload.hwQueues ?? 1), P);
    this.hwqCpu = Int32Array.from({ length: P }, (_, c) => Math.ceil((Math.floor((c * N) / P) * P) / N));
    const bps = s.deviceBps ?? 0;
    this.nsPerByte = bps > 0 ? 1e9 / bps : 0;
    this.deviceFree = new Float64Array(bps > 0 ? Math.max(1, s.devices ?? 1) : 0);
    const l = s.workload.latency;
    this.dist = l.dist === 'fixed' ? 0 : l.dist === 'uniform' ? 1 : 2;
    this.meanNs = l.meanUs * 1000;
    this.spreadNs = l.spreadUs * 1000;
  }

  /** Replaces the size mix (at construction and by a 'sizes' intervention). */
  setSizes(sizes: readonly SizeWeight[]): void {
    this.cum = new Float64Array(sizes.length);
    this.pages = new Int32Array(sizes.length);
    this.bytes = new Float64Array(sizes.length);
    let acc = 0;
    sizes.forEach((x, i) => {
      acc += x.weight;
      this.cum[i] = acc;
      this.pages[i] = Math.ceil(x.pages / this.unitsPerGranule);
      this.bytes[i] = x.pages * 4096;
    });
    this.total = acc;
  }

  /** Mapping length in granules for the next I/O (its size in bytes is left in lastBytes). */
  pickPages(): number {
    let i = 0;
    if (this.pages.length !== 1) {
      const x = this.rng.float() * this.total;
      while (i < this.cum.length - 1 && x >= this.cum[i]) i++;
    }
    this.lastBytes = this.bytes[i];
    return this.pages[i];
  }

  /**
   * When an I/O of `bytes` that `submitter` started at t completes. Unlimited bandwidth: t plus the
   * drawn latency. Otherwise the device is a FIFO server: the transfer occupies its link for
   * bytes / bandwidth from when the link is free, and the I/O completes at the later of that end
   * and t + latency; so a device never completes more than its bandwidth allows, and a lightly
   * loaded one still shows its latency. Deterministic: no draw beyond the latency's.
   */
  completionAt(submitter: number, t: number, bytes: number): number {
    // Unlimited bandwidth (the common case) kept to one compare so the call inlines into submit.
    if (this.nsPerByte === 0) return t + this.latencyNs();
    return this.deviceCompletion(submitter, t, bytes);
  }

  /** completionAt with a bandwidth limit: the device's FIFO link (the latency is drawn first). */
  private deviceCompletion(submitter: number, t: number, bytes: number): number {
    const done = t + this.latencyNs();
    const d = submitter % this.deviceFree.length;
    const end = Math.max(t, this.deviceFree[d]) + Math.max(1, Math.round(bytes * this.nsPerByte));
    this.deviceFree[d] = end;
    return Math.max(done, end);
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
      case 'hwq':
        return this.hwqCpu[cpu];
    }
  }
}
