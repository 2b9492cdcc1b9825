// The discrete-event engine (docs/model.md, "Time, CPUs and resources"). Simulated time is integer
// nanoseconds. Each CPU is a serial executor: it runs one job at a time (the FQ timer callback, an
// unmap, a submission) and a job that must wait (ring lock, IOMMU sync, flush) parks the CPU in a
// phase (phases.ts) until a RESUME event. Shared resources serialise through locks.ts /
// fq/ringLock.ts, so contention and its cost emerge. One seeded PRNG; events at equal times run in
// schedule order: deterministic. Drivers call `runUntil(t)` / `step()` (rAF, worker, CLI, tests).

import { CacheLines } from './cacheLine.ts';
import type { Costs } from './costs.ts';
import { ageAllocator } from './aged.ts';
import { burstFreeStep, burstMapStep, burstStart, K_BURST_FREE, K_BURST_MAP, type BurstState } from './burst.ts';
import { EngineAllocEnv, GatedTrace, RingLockScheduler } from './engineEnv.ts';
import { EventQueue } from './eventQueue.ts';
import { createRings, ringCount, type FqRings } from './fq/ring.ts';
import type { EngineHost } from './host.ts';
import { RingLocks } from './fq/ringLock.ts';
import { nextRing, timeoutFlushed, timeoutFlushStart, timeoutRingGranted, timeoutStart } from './fq/flushTimeout.ts';
import { queueIovaAdd, queueIovaFlushed, queueIovaFlushStart, queueIovaGranted, queueIovaStart } from './fq/queueIova.ts';
import { Iotlb } from './iotlb.ts';
import { IO_KEY, IO_MAP_NS, IO_OWNER, IO_REC, IO_UNMAP_AT } from './ioSlots.ts';
import { createIovaAllocator } from './iova/factory.ts';
import { newSacStats, type SacStats } from './kernel/sacStats.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE, type IovaAllocator } from './iova/types.ts';
import { LOCK_COUNT, LOCK_NAMES, LOCK_RBTREE, Locks } from './locks.ts';
import { Metrics } from './metrics.ts';
import { Observe } from './observe.ts';
import { PH_IDLE, PH_Q_ADD, PH_Q_FLUSH, PH_Q_FLUSH_START, PH_Q_LOCK, PH_Q_START, PH_STRICT_SYNC, PH_TO_FLUSH, PH_TO_FLUSH_START, PH_TO_NEXT, PH_TO_RING } from './phases.ts';
import { Rng } from './rng.ts';
import { resolve, type Intervention, type Mode, type Resolved, type Scenario } from './scenario.ts';
import { EV, type TraceRecorder } from './trace.ts';
import { strictSynced, submit, unmapStart } from './io.ts';
import { Workload } from './workload.ts';
import { K_REPLAY_MAP, ReplayFeed, replayArrive, replayStart, type ReplayInput } from './replay/feed.ts';

// Event kinds
const K_DISPATCH = 0;
const K_RESUME = 1;
const K_IO_DONE = 2;
const K_TIMER = 3;
const K_INTERVENTION = 4;
const K_RECLAIM = 5;
const K_PAUSE_END = 6;
const K_MIGRATE = 7;
// K_BURST_MAP = 8, K_BURST_FREE = 9 (burst.ts)

export interface EngineOptions {
  trace: TraceRecorder;
  /** Width of a metrics bucket (default 1 ms). */
  bucketNs?: number;
  /** Replay an imported trace's I/Os instead of the scenario's closed-loop workload (replay/feed.ts). */
  replay?: ReplayInput;
}

/**
 * Optional owner of the per-CPU control flow (src/machines/actorDriver.ts: XState actors). When set,
 * every point where the engine would pick a CPU's next step asks it instead; it then runs the same
 * step functions (fq/*.ts, io.ts, and the `run*` / `raiseTimer` / `modTimer` methods below).
 * Without one, the engine's plain path costs one null check per hook.
 */
export interface CpuController {
  /** The CPU picks its next job at t (Engine.dispatch). */
  dispatch(cpu: number, t: number): void;
  /** A RESUME event: the CPU's parked step continues at t (its phase is in Engine.phase). */
  resume(cpu: number, t: number): void;
  /** Engine.at's fast path: the step asked to continue into `phase` at t, and may do so now. */
  proceed(cpu: number, t: number, phase: number): void;
  /** queue_iova on `cpu` won fq_timer_on 0 -> 1 at t and calls mod_timer. */
  armTimer(cpu: number, t: number): void;
  /** The fq_timer armed on `cpu` expired at t. */
  timerExpired(cpu: number, t: number): void;
}

export class Engine implements EngineHost {
  readonly s: Scenario;
  readonly r: Resolved;
  readonly costs: Costs;
  readonly rng: Rng;
  readonly trace: TraceRecorder;
  readonly q = new EventQueue(4096);
  readonly locks: Locks;
  readonly lines: CacheLines;
  readonly rings: FqRings;
  readonly ringLocks: RingLocks;
  readonly iotlb: Iotlb;
  readonly alloc: IovaAllocator;
  readonly workload: Workload;
  readonly metrics: Metrics;
  /** Allocator CPU time, the iova_rbtree_lock convoy, IRQs-off sections, watchdog markers. */
  readonly obs: Observe;
  readonly single: boolean;
  /** The replayed trace's I/Os (replay/feed.ts), or null for the scenario's own workload. */
  readonly replay: ReplayFeed | null;
  now = 0;
  /** See CpuController; null runs the engine's own control flow. */
  controller: CpuController | null = null;

  // Domain state (iommu_dma_cookie)
  mode: Mode;
  /** fq_domain != NULL: unmaps are queued (lazy). */
  fqDomain: boolean;
  fqStart = 0;
  fqFinish = 0;
  fqTimerOn = 0;
  /** Expiry and CPU of the most recently armed FQ timer (for views; -1 before the first). */
  timerExpires = -1;
  timerCpu = -1;
  /**
   * The CPU running fq_flush_timeout right now (-1 if none): the timer base's `running_timer`.
   * __mod_timer does not move a timer whose callback is running to another CPU's base, so a
   * re-arm during the callback fires on this CPU again, after the callback (serialised).
   */
  timerRunning = -1;
  /** atomics 'arm64': flush counter increments priced as STADD / LDADDAL (fq/flushIotlb.ts). */
  readonly arm64Atomics: boolean;
  /** The allocator's muted-able trace, when the scenario has an aged start or bursts (else null). */
  readonly allocTrace: GatedTrace | null;
  /** Burst interventions' state, by intervention index (burst.ts). */
  readonly bursts: (BurstState | undefined)[] = [];
  /**
   * dev->iommu->pci_32bit_workaround: the device tries a 32-bit IOVA first. Set at setup for a PCI
   * device without iommu.forcedac; from v6.6 (791c2b17fb40) cleared by the first failed attempt.
   */
  pci_32bit_workaround: boolean;
  /** The version clears pci_32bit_workaround after a failure (v6.6+); read once from the rules. */
  readonly sacStopsAfterFailure: boolean;
  /** The 32-bit-first attempts of this run (summary `sac`, kernel/sacStats.ts). */
  readonly sac: SacStats = newSacStats();

  // Per CPU
  readonly phase: Int32Array;
  /** 1 while the CPU runs a job or has a DISPATCH/RESUME pending. */
  readonly busy: Uint8Array;
  /** When an idle CPU's last job ended (it cannot start new work before then). */
  readonly freeAt: Float64Array;
  readonly timerPending: Uint8Array;
  readonly paused: Uint8Array;
  readonly cpuIo: Int32Array;
  readonly cpuRing: Int32Array;
  readonly flushReason: Int32Array;
  readonly flushStartAt: Float64Array;
  readonly flushStartVal: Float64Array;
  readonly flushRet: Float64Array;
  readonly timeoutRing: Int32Array;
  readonly timeoutBegan: Float64Array;
  /** Pending unmaps (I/O ids linked through ioNext) and free I/O slots, per CPU. */
  readonly unmapHead: Int32Array;
  readonly unmapTail: Int32Array;
  readonly freeIoHead: Int32Array;
  /** Which CPU the submitter that started on CPU i currently runs on (migrations). */
  readonly submitCpuOf: Int32Array;

  // Per I/O slot
  readonly ioNext: Int32Array;
  readonly ioIommu: Uint8Array;
  /** Number of I/O slots. */
  readonly ioSlots: number;
  /** The slots' records, IO_REC doubles each (ioSlots.ts: pfn, pages, key, times, owner). */
  readonly ioRec: Float64Array;
  mapSeq = 0;

  private nextBucket: number;
  private readonly bucketNs: number;
  /** The closing bucket's wait per lock (Locks.closeBucket). */
  private readonly lockWaitBucket = new Float64Array(LOCK_COUNT);

  constructor(scenario: Scenario, opts: EngineOptions) {
    const s = (this.s = scenario);
    const r = (this.r = resolve(s));
    this.costs = s.costs;
    this.rng = new Rng(s.seed);
    this.trace = opts.trace;
    this.single = s.queue === 'single';
    const P = s.cpus;
    this.replay = opts.replay ? new ReplayFeed(opts.replay, P, s.granuleKiB ?? 4) : null;
    const nio = this.replay ? this.replay.count : r.loadCpus * s.workload.qd;
    this.locks = new Locks(s.costs, P, s.numaNodes ?? 1);
    this.arm64Atomics = s.atomics === 'arm64';
    this.lines = new CacheLines(P, s.costs.atomicLocalNs, s.costs.atomicRemoteNs);
    this.rings = createRings(r.nrings, r.fqSize);
    this.ringLocks = new RingLocks(r.nrings, P, new RingLockScheduler(this), s.costs.lockNs, s.costs.lockHandoffNs);
    this.iotlb = new Iotlb(s.iotlbEntries, nio);
    this.workload = new Workload(s, this.rng);
    this.bucketNs = opts.bucketNs ?? 1_000_000;
    this.nextBucket = this.bucketNs;
    this.locks.setBucketNs(this.bucketNs);
    this.metrics = new Metrics(this.bucketNs, [...LOCK_NAMES, 'fq_ring_locks']);
    this.obs = new Observe(P, this.bucketNs, r.durationNs, this.ringLocks);
    this.locks.rbtreeObserver = this.obs;
    const gated = (s.aged ?? []).length > 0 || s.interventions.some((x) => x.kind === 'burst');
    this.allocTrace = gated ? new GatedTrace(this.trace) : null;
    this.alloc = createIovaAllocator(s, r, new EngineAllocEnv(this, this.allocTrace ?? this.trace));
    this.pci_32bit_workaround = s.pci && !s.forcedac;
    this.sacStopsAfterFailure = r.rules.sacStopsAfterFailure;
    this.mode = s.mode;
    this.fqDomain = s.mode === 'lazy';

    this.phase = new Int32Array(P);
    this.busy = new Uint8Array(P);
    this.freeAt = new Float64Array(P);
    this.timerPending = new Uint8Array(P);
    this.paused = new Uint8Array(P);
    this.cpuIo = new Int32Array(P).fill(-1);
    this.cpuRing = new Int32Array(P);
    this.flushReason = new Int32Array(P);
    this.flushStartAt = new Float64Array(P);
    this.flushStartVal = new Float64Array(P);
    this.flushRet = new Float64Array(P);
    this.timeoutRing = new Int32Array(P);
    this.timeoutBegan = new Float64Array(P);
    this.unmapHead = new Int32Array(P).fill(-1);
    this.unmapTail = new Int32Array(P).fill(-1);
    this.freeIoHead = new Int32Array(P).fill(-1);
    this.submitCpuOf = Int32Array.from({ length: P }, (_, i) => i);

    this.ioNext = new Int32Array(nio).fill(-1);
    this.ioSlots = nio;
    this.ioRec = new Float64Array(nio * IO_REC);
    this.ioIommu = new Uint8Array(nio);
    // I/O slots: qd per submitting CPU, all free at t = 0 (a replay's arrive one by one instead).
    for (let io = this.replay ? -1 : nio - 1; io >= 0; io--) {
      const c = Math.floor(io / s.workload.qd);
      this.ioRec[io * IO_REC + IO_OWNER] = c;
      this.ioNext[io] = this.freeIoHead[c];
      this.freeIoHead[c] = io;
    }
    if ((s.aged ?? []).length > 0) ageAllocator(this);
    if (this.replay) replayStart(this, this.replay);
    for (let c = 0; c < (this.replay ? 0 : r.loadCpus); c++) {
      this.busy[c] = 1;
      this.q.push(0, K_DISPATCH, c, 0);
    }
    s.interventions.forEach((x, i) => this.q.push(Math.round(x.atMs * 1e6), K_INTERVENTION, -1, i));
    // Scheduler migration of submitters (workload.migrateMs): no draw at all when it is off, so
    // scenarios without it keep their exact event sequence.
    if (s.workload.migrateMs > 0 && !this.replay) for (let i = 0; i < r.loadCpus; i++) this.q.push(this.migrateDelay(), K_MIGRATE, i, 0);
  }

  /** Processes events up to and including time `until`; returns the number processed. */
  runUntil(until: number): number {
    let n = 0;
    const q = this.q;
    while (q.size > 0 && q.peekTime() <= until) {
      this.step();
      n++;
    }
    if (until > this.now && until !== Infinity) {
      this.closeBucketsUpTo(until);
      this.now = until;
    }
    return n;
  }

  /** Processes exactly one event. Returns false if none is left. */
  step(): boolean {
    const q = this.q;
    if (!q.pop()) return false;
    const t = q.t;
    if (t >= this.nextBucket) this.closeBucketsUpTo(t);
    this.now = t;
    // a call per event only when the trace is ordered (with t past 2^31 ns it would box t)
    if (this.trace.ordered) this.trace.advance(t);
    const c = q.c;
    switch (q.k) {
      case K_DISPATCH:
        this.dispatch(c, t);
        break;
      case K_RESUME:
        this.resume(c, t);
        break;
      case K_IO_DONE:
        this.ioDone(c, q.a, t);
        break;
      case K_TIMER:
        if (this.controller !== null) this.controller.timerExpired(c, t);
        else this.raiseTimer(c, t);
        break;
      case K_INTERVENTION:
        this.intervene(q.a, t);
        break;
      case K_RECLAIM:
        this.locks.cpu = -1;
        this.alloc.reclaim(q.a, t);
        break;
      case K_PAUSE_END:
        this.paused[c] = 0;
        this.wake(c, t);
        break;
      case K_MIGRATE:
        this.migrateSubmitter(c, t);
        break;
      case K_BURST_MAP:
        burstMapStep(this, q.a, t);
        break;
      case K_BURST_FREE:
        burstFreeStep(this, q.a, t);
        break;
      case K_REPLAY_MAP:
        replayArrive(this, q.a, t);
        break;
    }
    return true;
  }

  /**
   * A step on shared state at time t: true if `cpu` may run it now — t is the current time, or no
   * other event can happen before t — otherwise the CPU is parked in `phase` and resumed at t.
   */
  at(cpu: number, t: number, phase: number): boolean {
    if (t <= this.now || t < this.q.peekTime()) {
      if (this.controller === null) return true;
      this.controller.proceed(cpu, t, phase);
      return false;
    }
    this.phase[cpu] = phase;
    this.q.push(t, K_RESUME, cpu, 0);
    return false;
  }

  /** Park-and-resume: the CPU continues its current phase at t. */
  resumeAt(cpu: number, t: number): void {
    this.q.push(t, K_RESUME, cpu, 0);
  }

  /**
   * The CPU finished its job at t and picks the next one then. If it has no work at all, no event is
   * needed: it goes idle at t and `wake` starts it when work arrives (an event that would find
   * nothing to do is skipped; this changes no outcome, it only saves a heap operation per I/O).
   */
  cpuFree(cpu: number, t: number): void {
    this.phase[cpu] = PH_IDLE;
    if (this.timerPending[cpu] || (this.unmapHead[cpu] >= 0 && this.paused[cpu] === 0) || this.freeIoHead[cpu] >= 0) {
      this.q.push(t, K_DISPATCH, cpu, 0);
    } else {
      this.busy[cpu] = 0;
      this.freeAt[cpu] = t;
    }
  }

  /** New work for `cpu` at t: an idle CPU starts at t, or when its last job ends if that is later. */
  wake(cpu: number, t: number): void {
    if (this.busy[cpu] !== 0) return;
    this.busy[cpu] = 1;
    if (t >= this.freeAt[cpu]) this.dispatch(cpu, t);
    else this.q.push(this.freeAt[cpu], K_DISPATCH, cpu, 0);
  }

  private resume(cpu: number, t: number): void {
    this.locks.cpu = cpu;
    if (this.controller !== null) return this.controller.resume(cpu, t);
    switch (this.phase[cpu]) {
      case PH_Q_LOCK:
        return queueIovaGranted(this, cpu, t);
      case PH_Q_FLUSH:
        return queueIovaFlushed(this, cpu, t);
      case PH_STRICT_SYNC:
        return strictSynced(this, cpu, t);
      case PH_TO_FLUSH:
        return timeoutFlushed(this, cpu, t);
      case PH_TO_RING:
        return timeoutRingGranted(this, cpu, t);
      case PH_TO_NEXT:
        return nextRing(this, cpu, t);
      case PH_Q_START:
        return queueIovaStart(this, cpu, t);
      case PH_Q_ADD:
        return queueIovaAdd(this, cpu, t);
      case PH_Q_FLUSH_START:
        return queueIovaFlushStart(this, cpu, t);
      case PH_TO_FLUSH_START:
        return timeoutFlushStart(this, cpu, t);
      default:
        throw new Error(`CPU ${cpu} resumed in phase ${this.phase[cpu]}`);
    }
  }

  /** Picks the CPU's next job: the FQ timer callback (softirq) first, then unmaps, then submits. */
  private dispatch(cpu: number, t: number): void {
    this.locks.cpu = cpu;
    if (this.controller !== null) return this.controller.dispatch(cpu, t);
    if (this.timerPending[cpu]) return this.runTimeout(cpu, t);
    if (this.unmapReady(cpu)) return this.runUnmap(cpu, t);
    if (this.freeIoHead[cpu] >= 0) return this.runSubmit(cpu, t);
    this.goIdle(cpu, t);
  }

  // The jobs `dispatch` picks from, one method each so a CpuController runs the very same code.

  /** The FQ timer callback runs now (softirq, before any other job). */
  runTimeout(cpu: number, t: number): void {
    this.timerPending[cpu] = 0;
    timeoutStart(this, cpu, t);
  }

  /** A completed I/O waits to be unmapped on `cpu`, and its unmaps are not paused. */
  unmapReady(cpu: number): boolean {
    return this.unmapHead[cpu] >= 0 && this.paused[cpu] === 0;
  }

  /** Unmaps the oldest completed I/O (the head of the CPU's list). */
  runUnmap(cpu: number, t: number): void {
    const io = this.unmapHead[cpu];
    this.unmapHead[cpu] = this.ioNext[io];
    if (this.unmapHead[cpu] < 0) this.unmapTail[cpu] = -1;
    unmapStart(this, cpu, t, io);
  }

  /** Submits a new I/O in the first free slot. */
  runSubmit(cpu: number, t: number): void {
    const free = this.freeIoHead[cpu];
    this.freeIoHead[cpu] = this.ioNext[free];
    submit(this, cpu, t, free);
  }

  /** Nothing to do: the CPU idles from t until `wake`. */
  goIdle(cpu: number, t: number): void {
    this.busy[cpu] = 0;
    this.freeAt[cpu] = t;
  }

  /** Like wake, but as an event at t (the caller's own job may end later than the current time). */
  private wakeLater(cpu: number, t: number): void {
    if (this.busy[cpu] !== 0) return;
    this.busy[cpu] = 1;
    this.q.push(Math.max(t, this.freeAt[cpu]), K_DISPATCH, cpu, 0);
  }

  /** Device finished I/O `io`; its completion is handled (and unmapped) on `cpu`. */
  private ioDone(cpu: number, io: number, t: number): void {
    this.ioNext[io] = -1;
    if (this.unmapTail[cpu] < 0) this.unmapHead[cpu] = io;
    else this.ioNext[this.unmapTail[cpu]] = io;
    this.unmapTail[cpu] = io;
    this.wake(cpu, t);
  }

  /** Depot list (v6.7+): the allocator's delayed depot reclaim for class `cls` runs at t (engineEnv.ts). */
  scheduleReclaim(cls: number, t: number): void {
    this.q.push(t, K_RECLAIM, -1, cls);
  }

  /**
   * A history fork (history.ts): intervention `x` joins this engine's scenario at run time. The
   * caller picks its time so that no event at that time has run or is pending (except earlier
   * interventions); then it runs exactly where the constructor would have put it in a fresh run of
   * the extended scenario: first among its time's events. `lastEventNs` is the time of the last
   * event that ran (History tracks it): t may equal `now` (a seek's moment) when no event ran then.
   */
  addIntervention(x: Intervention, lastEventNs = this.now): void {
    const t = Math.round(x.atMs * 1e6);
    if (!(t > lastEventNs && t >= this.now)) throw new Error(`addIntervention: t=${t} is not after the last event (${lastEventNs}) and the engine's time ${this.now}`);
    if (x.kind === 'burst' && this.allocTrace === null) throw new Error('addIntervention: a burst must be in the scenario from the start (its allocator work is untraced)');
    const i = this.s.interventions.push(x) - 1;
    this.q.push(t, K_INTERVENTION, -1, i);
  }

  /** Schedules the I/O's completion (used by io.ts). */
  scheduleIoDone(cpu: number, io: number, t: number): void {
    this.q.pushFar(t, K_IO_DONE, cpu, io);
  }

  /** queue_iova's mod_timer on `cpu` at t (through the controller, when one is set). */
  armTimer(cpu: number, t: number): void {
    if (this.controller !== null) this.controller.armTimer(cpu, t);
    else this.modTimer(cpu, t);
  }

  /** mod_timer(fq_timer, now + timeout) called on `cpu` (the timer later fires on its base). */
  modTimer(cpu: number, t: number): void {
    const expires = this.timerExpiry(t);
    // The timer is queued on the arming CPU's base, unless its callback is running on another
    // CPU: then __mod_timer keeps it on that CPU's base (timer callbacks never run concurrently).
    const base = this.timerRunning >= 0 ? this.timerRunning : cpu;
    this.timerExpires = expires;
    this.timerCpu = base;
    this.trace.emit(EV.timer_arm, t, cpu, expires);
    this.q.push(expires, K_TIMER, base, 0);
  }

  /** When a timer armed at t expires. */
  timerExpiry(t: number): number {
    if (this.s.timerHz > 0) {
      // msecs_to_jiffies rounds up; the timer fires on the tick at or after jiffies + that.
      const j = 1e9 / this.s.timerHz;
      return Math.round((Math.floor(t / j) + Math.ceil(this.r.fqTimeoutNs / j)) * j);
    }
    return t + this.r.fqTimeoutNs;
  }

  /** The timer armed on `cpu` expired at t: its callback is the CPU's next job (softirq). */
  raiseTimer(cpu: number, t: number): void {
    this.timerPending[cpu] = 1;
    this.wake(cpu, t);
  }

  /** dma_unmap of `io` returned on `cpu` at t: the I/O is complete, its slot returns to its submitter. */
  unmapReturned(cpu: number, io: number, t: number): void {
    const j = io * IO_REC;
    const rec = this.ioRec;
    if (this.ioIommu[io]) this.iotlb.returned(io, rec[j + IO_KEY], t);
    this.metrics.ioDone(rec[j + IO_MAP_NS], t - rec[j + IO_UNMAP_AT]);
    // A replayed I/O happens once: its slot is not reused.
    if (this.replay !== null) return this.cpuFree(cpu, t);
    const owner = this.submitCpuOf[rec[j + IO_OWNER]];
    this.ioNext[io] = this.freeIoHead[owner];
    this.freeIoHead[owner] = io;
    this.cpuFree(cpu, t);
    if (owner !== cpu) this.wakeLater(owner, t);
  }

  private intervene(i: number, t: number): void {
    const x = this.s.interventions[i];
    if (x.kind === 'pause') {
      const end = t + Math.round(x.forMs * 1e6);
      for (const c of x.cpus) {
        this.paused[c] = 1;
        this.q.push(end, K_PAUSE_END, c, 0);
      }
    } else if (x.kind === 'mode') {
      // Strict -> lazy is iommu_dma_init_fq at runtime (counters keep their values if already
      // initialised). Lazy -> strict/identity is a what-if: entries already queued are still
      // retired by the armed timer, which is always pending while any ring is non-empty.
      this.mode = x.mode;
      this.fqDomain = x.mode === 'lazy';
    } else if (x.kind === 'sizes') {
      this.workload.setSizes(x.sizes);
    } else if (x.kind === 'burst') {
      burstStart(this, i, t);
    } else if (x.from !== x.to) {
      for (let c = 0; c < this.s.cpus; c++) if (this.submitCpuOf[c] === x.from) this.submitCpuOf[c] = x.to;
      this.moveFreeSlots(x.from, t);
    }
  }

  /** Exponential time to a submitter's next scheduler migration, integer ns (>= 1). */
  private migrateDelay(): number {
    return Math.max(1, Math.round(-Math.log(1 - this.rng.float()) * this.s.workload.migrateMs * 1e6));
  }

  /**
   * The scheduler moves submitter i to a CPU that runs no submitter (uniformly among them). What it
   * leaves behind is the point (docs/model.md, "timeout-flood"): the old CPU's rcache stays full, its
   * ring keeps entries only the FQ timeout will retire, and the new CPU starts with empty magazines.
   */
  private migrateSubmitter(i: number, t: number): void {
    const P = this.s.cpus;
    const taken = new Uint8Array(P);
    for (let k = 0; k < this.r.loadCpus; k++) taken[this.submitCpuOf[k]] = 1;
    let free = 0;
    for (let c = 0; c < P; c++) free += 1 - taken[c];
    if (free > 0) {
      let pick = this.rng.int(free);
      let to = 0;
      while (taken[to] === 1 || pick-- > 0) to++;
      const from = this.submitCpuOf[i];
      this.submitCpuOf[i] = to;
      this.moveFreeSlots(from, t);
    }
    this.q.push(t + this.migrateDelay(), K_MIGRATE, i, 0);
  }

  /** Free I/O slots parked on `from` whose submitter now runs elsewhere follow it there. */
  private moveFreeSlots(from: number, t: number): void {
    let io = this.freeIoHead[from];
    let keep = -1;
    const woken: number[] = [];
    this.freeIoHead[from] = -1;
    while (io >= 0) {
      const next = this.ioNext[io];
      const to = this.submitCpuOf[this.ioRec[io * IO_REC + IO_OWNER]];
      if (to === from) {
        this.ioNext[io] = keep;
        keep = io;
      } else {
        this.ioNext[io] = this.freeIoHead[to];
        this.freeIoHead[to] = io;
        if (!woken.includes(to)) woken.push(to);
      }
      io = next;
    }
    // Slots that stay keep their order.
    while (keep >= 0) {
      const next = this.ioNext[keep];
      this.ioNext[keep] = this.freeIoHead[from];
      this.freeIoHead[from] = keep;
      keep = next;
    }
    for (const c of woken) this.wake(c, t);
  }

  private closeBucketsUpTo(t: number): void {
    while (t >= this.nextBucket) {
      const occ = new Int32Array(this.rings.nrings);
      for (let r = 0; r < occ.length; r++) occ[r] = ringCount(this.rings, r);
      const delta: Record<string, number> = {};
      // Spinlock waits split across the buckets they span (locks.ts, waitLedger.ts), ring-lock
      // waits too (fq/ringLock.ts, closeWaitBucket).
      this.locks.closeBucket(this.lockWaitBucket);
      for (let l = 0; l < LOCK_COUNT; l++) delta[LOCK_NAMES[l]] = this.lockWaitBucket[l];
      delta['fq_ring_locks'] = this.ringLocks.closeWaitBucket(this.nextBucket);
      const st = this.alloc.stats();
      let cached = 0;
      const cachedByClass = new Array<number>(IOVA_RANGE_CACHE_MAX_SIZE).fill(0);
      for (let i = 0; i < st.cpuCached.length; i++) {
        cached += st.cpuCached[i];
        cachedByClass[i % IOVA_RANGE_CACHE_MAX_SIZE] += st.cpuCached[i];
      }
      this.metrics.closeBucket(this.iotlb.staleNow, occ, delta, {
        depotMags: st.depotSize.reduce((x, y) => x + y, 0),
        rbtreeNodes: st.rbtreeNodes,
        cpuCachedTotal: cached,
        magsToRbtree: st.magsToRbtree,
        walkSteps32: st.walkSteps32 ?? 0,
        walkSteps64: st.walkSteps64 ?? 0,
        depotByClass: st.depotSize.slice(),
        cachedByClass,
      });
      this.obs.closeBucket(this.metrics.series, this.locks.acquisitions[LOCK_RBTREE]);
      this.nextBucket += this.bucketNs;
    }
  }
}
