// Runs a scenario to its end and builds the JSON summary (README, "Command line"). Used by the CLI, the
// tests, the benchmark and (through the worker) the page.

import { iopsSeries as toIops, runCliff, type CliffVerdict } from './cliff.ts';
import { Engine } from './engine.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE } from './iova/types.ts';
import { LOCK_NAMES, LOCK_RBTREE } from './locks.ts';
import { bucketNsFor } from './metrics.ts';
import type { SacStats } from './kernel/sacStats.ts';
import { pct } from './observe.ts';
import type { ReplayInput } from './replay/feed.ts';
import type { Scenario } from './scenario.ts';
import { TraceRecorder, type TraceEvent } from './trace.ts';
import type { WatchdogEvent } from './watchdog.ts';

export interface Summary {
  scenario: string;
  seed: number;
  /** Kernel version (kernel/versions.ts). */
  kernel: string;
  mode: string;
  counterReuse: boolean;
  cpus: number;
  simulatedMs: number;
  wallMs: number;
  ios: number;
  iops: number;
  flushes: { full: number; timeout: number };
  freesByOwner: number;
  freesByTimer: number;
  freesByTimerAfterFlush: number;
  magsToRbtree: number;
  rbtreeNodes: number;
  rbtreeNodesMax: number;
  rbtreeWalkSteps: number;
  rcache: { hits: number; misses: number; flushes: number; allocFailures: number };
  /** Per size class (0..5): PFNs held in loaded+prev, per CPU (index = CPU). */
  cachedPerCpu: number[][];
  /** Per size class: full magazines in the depot at the end. */
  depotSize: number[];
  magazines: number;
  staleIotlbMaxNs: number;
  staleIotlbMax: number;
  counterReads: { finish: number; start: number; finishSaved: number; remote: number };
  lockWaitNs: Record<string, number>;
  mapLatencyNs: { mean: number; p50: number; p99: number; max: number };
  unmapLatencyNs: { mean: number; p50: number; p99: number; max: number };
  timeouts: { count: number; meanNs: number; maxNs: number };
  fqOverruns: number;
  mapFailures: number;
  /**
   * % of CPU time in the IOVA allocator (alloc_iova_fast + free_iova_fast with their lock waits):
   * all CPUs together, the busiest CPU, and each CPU (index = CPU).
   */
  allocCpuPct: { total: number; max: number; perCpu: number[] };
  /** Most CPUs spinning on iova_rbtree_lock at once. */
  rbtreeSpinnersMax: number;
  /**
   * iova_rbtree_lock: acquisitions, how many waited, wait per acquisition (request to grant,
   * hand-off included), mean CPUs spinning (spin time / simulated time).
   */
  rbtreeLock: { acquisitions: number; contended: number; waitMeanNs: number; waitMaxNs: number; spinnersMean: number };
  /** Longest fq_flush_timeout callback (ns): timeouts.maxNs, or a callback still running at the end if longer. */
  longestTimeoutNs: number;
  /** Longest section with IRQs off (a ring lock, spin_lock_irqsave(&fq->lock)): overall and per CPU. */
  longestIrqOffNs: { max: number; perCpu: number[] };
  /** Lockup-detector markers (watchdog.ts): soft (20 s) and hard (10 s) lockups. */
  watchdog: { soft: number; hard: number };
  /** The markers themselves (at most 1000, in time order). */
  watchdogMarkers: WatchdogEvent[];
  events: number;
  cliff: CliffVerdict;
  bucketMs: number;
  iopsSeries: number[];
  traceHash: string;
  /** PCI 32-bit-first attempts (kernel/sacStats.ts). */
  sac: SacStats;
  /** max32_alloc_size resets that re-enabled 32-bit walks. */
  max32Resets: number;
}

export interface RunOptions {
  /** Name shown in the summary (preset name or scenario hash). */
  name?: string;
  /** Keep the first `recordLimit` trace events in memory. */
  recordLimit?: number;
  onEvent?: (e: TraceEvent) => void;
  bucketNs?: number;
  /** Wall clock for wallMs; the simulation itself never reads a clock. */
  clock?: () => number;
  /** Replay these I/Os (an imported trace, src/import/) instead of the scenario's workload. */
  replay?: ReplayInput;
  /**
   * Called with the simulated fraction done (0..1] after each of `PROGRESS_STEPS` equal slices of
   * the run (the page's sweep progress bars). runUntil in slices ends in the same state as one call:
   * the live worker steps the same engine in slices (src/sim/run.test.ts pins the trace hash).
   */
  onProgress?: (fraction: number) => void;
}

export const PROGRESS_STEPS = 20;

export interface RunResult {
  summary: Summary;
  engine: Engine;
  trace: TraceRecorder;
}

export function runScenario(s: Scenario, opts: RunOptions = {}): RunResult {
  const clock = opts.clock ?? (() => 0);
  const t0 = clock();
  const trace = new TraceRecorder(opts.recordLimit !== undefined, opts.recordLimit ?? 0, opts.onEvent);
  const engine = new Engine(s, { trace, bucketNs: opts.bucketNs ?? bucketNsFor(s.durationMs), replay: opts.replay });
  const end = engine.r.durationNs;
  if (opts.onProgress) {
    for (let k = 1; k <= PROGRESS_STEPS; k++) {
      engine.runUntil(k === PROGRESS_STEPS ? end : Math.floor((end * k) / PROGRESS_STEPS));
      opts.onProgress(k / PROGRESS_STEPS);
    }
  } else engine.runUntil(end);
  trace.flush();
  const wallMs = clock() - t0;
  return { summary: summarize(engine, trace, opts.name ?? 'custom', wallMs), engine, trace };
}


const lat = (h: { mean(): number; quantile(q: number): number; max: number }) => ({
  mean: Math.round(h.mean()),
  p50: h.quantile(0.5),
  p99: h.quantile(0.99),
  max: h.max,
});

export function summarize(e: Engine, trace: TraceRecorder, name: string, wallMs: number): Summary {
  const m = e.metrics;
  const st = e.alloc.stats();
  const simMs = e.now / 1e6;
  const lockWaitNs: Record<string, number> = {};
  LOCK_NAMES.forEach((n, i) => {
    if (!n.startsWith('depot')) lockWaitNs[n] = e.locks.waitNs[i];
  });
  lockWaitNs['depot_locks'] = LOCK_NAMES.reduce((a, n, i) => (n.startsWith('depot') ? a + e.locks.waitNs[i] : a), 0);
  lockWaitNs['fq_ring_locks'] = e.ringLocks.waitTotalNs;
  const bucketMs = m.series.bucketNs / 1e6;
  const iopsSeries = toIops(m.series.ios, m.series.bucketNs);
  return {
    scenario: name,
    seed: e.s.seed,
    kernel: e.s.kernel,
    mode: e.s.mode,
    counterReuse: e.s.counterReuse,
    cpus: e.s.cpus,
    simulatedMs: simMs,
    wallMs: Math.round(wallMs),
    ios: m.ios,
    iops: simMs > 0 ? Math.round((m.ios / simMs) * 1000) : 0,
    flushes: { full: m.flushesFull, timeout: m.flushesTimeout },
    freesByOwner: m.freesByOwner,
    freesByTimer: m.freesByTimer,
    freesByTimerAfterFlush: m.freesByTimerAfterFlush,
    magsToRbtree: st.magsToRbtree,
    rbtreeNodes: st.rbtreeNodes,
    rbtreeNodesMax: st.rbtreeNodesMax,
    rbtreeWalkSteps: st.rbtreeWalkSteps,
    rcache: { hits: st.rcacheHits, misses: st.rcacheMisses, flushes: st.rcacheFlushes ?? 0, allocFailures: st.allocFailures },
    cachedPerCpu: Array.from({ length: IOVA_RANGE_CACHE_MAX_SIZE }, (_, cls) =>
      Array.from({ length: e.s.cpus }, (_, cpu) => st.cpuCached[cpu * IOVA_RANGE_CACHE_MAX_SIZE + cls]),
    ),
    depotSize: st.depotSize,
    magazines: st.magazines ?? 0,
    staleIotlbMaxNs: e.iotlb.staleMaxAt(e.now),
    staleIotlbMax: e.iotlb.staleMax,
    counterReads: { finish: m.finishReads, start: m.startReads, finishSaved: m.finishReadsSaved, remote: e.lines.remoteReads },
    lockWaitNs,
    mapLatencyNs: lat(m.mapLat),
    unmapLatencyNs: lat(m.unmapLat),
    timeouts: { count: m.timeouts, meanNs: m.timeouts ? Math.round(m.timeoutNsSum / m.timeouts) : 0, maxNs: m.timeoutNsMax },
    fqOverruns: m.fqOverruns,
    mapFailures: m.mapFailures,
    ...observed(e),
    events: trace.count,
    cliff: runCliff(m.series.ios, m.series.bucketNs, e.s),
    bucketMs,
    iopsSeries,
    traceHash: trace.hash(),
    sac: { ...e.sac },
    max32Resets: st.max32Resets ?? 0,
  };
}

/** The observables of observe.ts and watchdog.ts at the engine's current moment. */
function observed(e: Engine) {
  const o = e.obs;
  const now = e.now;
  const P = e.s.cpus;
  const ns = o.allocNsUpTo(now);
  let allocNs = 0;
  for (let c = 0; c < P; c++) allocNs += ns[c];
  const perCpu = Array.from(ns, (x) => (now > 0 ? pct(x / now) : 0));
  const irqOff = Array.from(o.longestIrqOff(now));
  const acq = e.locks.acquisitions[LOCK_RBTREE];
  const spin = o.rbtreeSpinNs;
  return {
    allocCpuPct: { total: now > 0 ? pct(allocNs / (now * P)) : 0, max: Math.max(0, ...perCpu), perCpu },
    rbtreeSpinnersMax: o.rbtreeSpinnersMax,
    rbtreeLock: {
      acquisitions: acq,
      contended: e.locks.contended[LOCK_RBTREE],
      waitMeanNs: acq > 0 ? Math.round(spin / acq) : 0,
      waitMaxNs: o.rbtreeSpinMaxNs,
      spinnersMean: now > 0 ? Math.round((spin / now) * 100) / 100 : 0,
    },
    longestTimeoutNs: o.longestTimeout(now, e.metrics.timeoutNsMax),
    longestIrqOffNs: { max: Math.max(0, ...irqOff), perCpu: irqOff },
    watchdog: o.watchdogCounts(now),
    watchdogMarkers: o.watchdogEvents(now).slice(0, 1000),
  };
}
