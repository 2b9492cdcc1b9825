// An empty LabView of a given shape: the starting point of unit tests and of the dev fixture.

import { kernelRules } from '../../sim/kernel/versions.ts';
import type { LabView } from '../../sim/view.ts';

export interface ViewShape {
  cpus: number;
  nrings?: number;
  fqSize?: number;
  mode?: LabView['mode'];
  /** Kernel version; default 6.5 (what the fixtures showed as era B). */
  kernel?: string;
  magSize?: number;
  iotlbCapacity?: number;
}

export function blankView(o: ViewShape): LabView {
  const nrings = o.nrings ?? o.cpus;
  const fqSize = o.fqSize ?? 256;
  const n = nrings * fqSize;
  const kernel = o.kernel ?? '6.5';
  const rules = kernelRules(kernel);
  if (!rules) throw new Error(`blankView: unknown kernel ${kernel}`);
  return {
    t: 0,
    events: 0,
    mode: o.mode ?? 'lazy',
    kernel,
    fqFile: rules.fqFile,
    counterReuse: false,
    cpus: o.cpus,
    nrings,
    fqSize,
    ringHead: new Int32Array(nrings),
    ringTail: new Int32Array(nrings),
    slotState: new Uint8Array(n),
    slotPfn: new Float64Array(n),
    slotPages: new Int32Array(n),
    slotCounter: new Float64Array(n),
    fqFlushStartCnt: 0,
    fqFlushFinishCnt: 0,
    fqTimerOn: 0,
    timerExpires: -1,
    timerCpu: -1,
    counterReads: { finish: 0, start: 0, finishSaved: 0, remote: 0 },
    flushes: { full: 0, timeout: 0 },
    cpuPhase: new Int32Array(o.cpus),
    magLoaded: new Int32Array(o.cpus * 6),
    magPrev: new Int32Array(o.cpus * 6),
    magSize: o.magSize ?? rules.magSize,
    depot: [0, 0, 0, 0, 0, 0],
    depotMax: rules.depotIsList ? -1 : 32,
    rbtreeNodes: 1,
    magsToRbtree: 0,
    ranges: new Float64Array(0),
    rangeKind: new Uint8Array(0),
    rangeTotal: 0,
    iotlbCapacity: o.iotlbCapacity ?? 512,
    iotlbValid: 0,
    iotlbStale: 0,
    staleMax: 0,
    staleMaxNs: 0,
    granuleKiB: 4,
    stepEvents: [],
    stepEventCount: 0,
    quietSteps: 0,
    allocCpuPct: 0,
    rbtreeSpinnersMax: 0,
    longestTimeoutNs: 0,
    longestIrqOffNs: 0,
    watchdog: { soft: 0, hard: 0 },
  };
}

/** Test helper: queue `pages`-page entries into ring r from its tail, with the given counters. */
export function pushEntries(v: LabView, r: number, counters: readonly number[], pfn0 = 0x1000): void {
  for (const c of counters) {
    const idx = v.ringTail[r];
    const i = r * v.fqSize + idx;
    v.slotPfn[i] = pfn0 + idx;
    v.slotPages[i] = 1;
    v.slotCounter[i] = c;
    v.slotState[i] = c < v.fqFlushFinishCnt ? 2 : 1;
    v.ringTail[r] = (idx + 1) % v.fqSize;
  }
}
