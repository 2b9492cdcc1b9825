// Metrics over simulated time: totals plus one value per bucket (default 1 ms) for the series the
// CLI and the panels plot. Recording is cheap (counter increments); buckets are closed by the engine
// as simulated time crosses their end.

import { emptyObserveSeries, type ObserveSeries } from './observe.ts';
import { REASON_FULL } from './trace.ts';

/** At most this many buckets per run: a long run keeps bounded memory (and a drawable series). */
export const MAX_BUCKETS = 10_000;

/**
 * The one bucket rule, used by the CLI, the tests, the live worker and the page: 1 ms buckets,
 * widened to a whole number of milliseconds when the run is longer than MAX_BUCKETS ms. The bucket
 * width only changes how metrics are sampled, never the event sequence or the trace hash.
 */
export function bucketNsFor(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / MAX_BUCKETS)) * 1_000_000;
}

/** Log-scale latency histogram: 8 sub-buckets per power of two (≤ 9 % error per value). */
export class Histogram {
  private readonly bins = new Float64Array(64 * 8);
  count = 0;
  sum = 0;
  max = 0;
  add(v: number): void {
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    this.bins[Histogram.bin(v)]++;
  }
  private static bin(v: number): number {
    if (v < 8) return v > 0 ? Math.floor(v) : 0;
    if (v >= 2147483648) return Math.min(511, Math.floor(Math.log2(v)) * 8 + 7);
    // integer path: exponent from clz32, three mantissa bits below the leading one
    const x = v | 0;
    const e = 31 - Math.clz32(x);
    return e * 8 + ((x >>> (e - 3)) & 7);
  }
  /** Upper edge of the bucket holding quantile q. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    let acc = 0;
    const want = q * this.count;
    for (let i = 0; i < this.bins.length; i++) {
      acc += this.bins[i];
      if (acc >= want) {
        if (i < 8) return i;
        const e = Math.floor(i / 8);
        return Math.min(this.max, Math.round(2 ** e * (1 + ((i % 8) + 1) / 8)));
      }
    }
    return this.max;
  }
  mean(): number {
    return this.count ? this.sum / this.count : 0;
  }
}

export interface Series extends ObserveSeries {
  bucketNs: number;
  ios: number[];
  flushFull: number[];
  flushTimeout: number[];
  freesOwner: number[];
  freesTimer: number[];
  staleIotlb: number[];
  /** Entries queued, summed over rings, at each bucket's end. */
  fqQueued: number[];
  /** Per ring occupancy at each bucket's end: ringOcc[bucket][ring]. */
  ringOcc: Int32Array[];
  /** Lock wait (ns) accrued in the bucket, per lock name. */
  lockWaitNs: Record<string, number[]>;
  mapLatNs: number[];
  unmapLatNs: number[];
  /** Allocator state at each bucket's end: full magazines in all depots, rbtree nodes, PFNs in CPU caches. */
  depotMags: number[];
  rbtreeNodes: number[];
  cpuCachedTotal: number[];
  /** Magazines freed back into the rbtree during the bucket. */
  magsToRbtree: number[];
  /** Longest FQ timeout callback that ended in the bucket (ns). */
  timeoutNs: number[];
  /**
   * rbtree gap-walk steps in the bucket, for requests limited to 4 GiB (the SAC attempts) / above.
   * Optional: series built elsewhere (worker transfers, panel tests) may leave them out.
   */
  walkSteps32?: number[];
  walkSteps64?: number[];
  /** Per size class (0..5) at each bucket's end: full magazines in the depot, PFNs in all CPUs' caches. */
  depotMagsByClass: number[][];
  cpuCachedByClass: number[][];
}

/** Allocator state sampled when a bucket closes. */
export interface AllocSample {
  depotMags: number;
  rbtreeNodes: number;
  cpuCachedTotal: number;
  magsToRbtree: number;
  /** Cumulative walk steps by limit (AllocatorStats.walkSteps32 / walkSteps64). */
  walkSteps32: number;
  walkSteps64: number;
  /** Per size class: full magazines in the depot, PFNs in loaded+prev summed over CPUs. */
  depotByClass: number[];
  cachedByClass: number[];
}

export class Metrics {
  ios = 0;
  flushesFull = 0;
  flushesTimeout = 0;
  freesByOwner = 0;
  freesByTimer = 0;
  /** Entries the timer CPU freed that were queued after the timeout's own flush started (§3.8). */
  freesByTimerAfterFlush = 0;
  finishReads = 0;
  finishReadsSaved = 0;
  startReads = 0;
  fqOverruns = 0;
  mapFailures = 0;
  timeouts = 0;
  timeoutNsMax = 0;
  timeoutNsSum = 0;
  readonly mapLat = new Histogram();
  readonly unmapLat = new Histogram();
  /** Time from fq_add to retirement. */
  readonly fqResidency = new Histogram();
  readonly series: Series;
  // per-bucket accumulators
  private bIos = 0;
  private bFull = 0;
  private bTimeout = 0;
  private bOwner = 0;
  private bTimer = 0;
  private bMapSum = 0;
  private bMapN = 0;
  private bUnmapSum = 0;
  private bUnmapN = 0;
  private bTimeoutMax = 0;
  private magsPrev = 0;
  private walk32Prev = 0;
  private walk64Prev = 0;

  constructor(bucketNs: number, lockNames: readonly string[]) {
    this.series = {
      bucketNs,
      ios: [],
      flushFull: [],
      flushTimeout: [],
      freesOwner: [],
      freesTimer: [],
      staleIotlb: [],
      fqQueued: [],
      ringOcc: [],
      lockWaitNs: Object.fromEntries(lockNames.map((n) => [n, []])),
      mapLatNs: [],
      unmapLatNs: [],
      depotMags: [],
      rbtreeNodes: [],
      cpuCachedTotal: [],
      magsToRbtree: [],
      timeoutNs: [],
      walkSteps32: [],
      walkSteps64: [],
      depotMagsByClass: [],
      cpuCachedByClass: [],
      ...emptyObserveSeries(),
    };
  }

  ioDone(mapNs: number, unmapNs: number): void {
    this.ios++;
    this.bIos++;
    this.mapLat.add(mapNs);
    this.unmapLat.add(unmapNs);
    this.bMapSum += mapNs;
    this.bMapN++;
    this.bUnmapSum += unmapNs;
    this.bUnmapN++;
  }

  flush(reason: number, _t: number): void {
    if (reason === REASON_FULL) {
      this.flushesFull++;
      this.bFull++;
    } else {
      this.flushesTimeout++;
      this.bTimeout++;
    }
  }

  fqFree(byTimer: boolean, afterTimeoutFlush: boolean, residencyNs: number): void {
    this.fqResidency.add(residencyNs);
    if (byTimer) {
      this.freesByTimer++;
      this.bTimer++;
      if (afterTimeoutFlush) this.freesByTimerAfterFlush++;
    } else {
      this.freesByOwner++;
      this.bOwner++;
    }
  }

  timeout(durationNs: number): void {
    this.timeouts++;
    this.timeoutNsSum += durationNs;
    if (durationNs > this.timeoutNsMax) this.timeoutNsMax = durationNs;
    if (durationNs > this.bTimeoutMax) this.bTimeoutMax = durationNs;
  }

  /** Closes one bucket with the sampled state values. */
  closeBucket(stale: number, ringOcc: Int32Array, lockWaitDelta: Record<string, number>, a: AllocSample): void {
    const s = this.series;
    s.depotMags.push(a.depotMags);
    s.rbtreeNodes.push(a.rbtreeNodes);
    s.cpuCachedTotal.push(a.cpuCachedTotal);
    s.depotMagsByClass.push(a.depotByClass);
    s.cpuCachedByClass.push(a.cachedByClass);
    s.magsToRbtree.push(a.magsToRbtree - this.magsPrev);
    this.magsPrev = a.magsToRbtree;
    s.walkSteps32!.push(a.walkSteps32 - this.walk32Prev);
    s.walkSteps64!.push(a.walkSteps64 - this.walk64Prev);
    this.walk32Prev = a.walkSteps32;
    this.walk64Prev = a.walkSteps64;
    s.timeoutNs.push(this.bTimeoutMax);
    this.bTimeoutMax = 0;
    s.ios.push(this.bIos);
    s.flushFull.push(this.bFull);
    s.flushTimeout.push(this.bTimeout);
    s.freesOwner.push(this.bOwner);
    s.freesTimer.push(this.bTimer);
    s.staleIotlb.push(stale);
    let q = 0;
    for (let i = 0; i < ringOcc.length; i++) q += ringOcc[i];
    s.fqQueued.push(q);
    s.ringOcc.push(ringOcc);
    for (const k in lockWaitDelta) s.lockWaitNs[k].push(lockWaitDelta[k]);
    s.mapLatNs.push(this.bMapN ? Math.round(this.bMapSum / this.bMapN) : 0);
    s.unmapLatNs.push(this.bUnmapN ? Math.round(this.bUnmapSum / this.bUnmapN) : 0);
    this.bIos = this.bFull = this.bTimeout = this.bOwner = this.bTimer = 0;
    this.bMapSum = this.bMapN = this.bUnmapSum = this.bUnmapN = 0;
  }
}
