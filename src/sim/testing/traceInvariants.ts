// Trace invariants of the flush-queue engine (docs/kernel.md §2–3; facts 1–22, numbered in the
// checks below), checked purely from an event sequence (the event contract: trace.ts EV_FIELDS).
// Shared by the engine's property tests, the preset tests and (later) the XState differential
// test: anything that produces the contract's events can be checked against the kernel's rules
// without looking inside the producer.
//
// Three groups of rules:
//  - always: what each CPU does (its own sequence), what the ring locks protect (ring contents,
//    FIFO order, occupancy), the timer callback's structure, the IOVA lifecycle, and the values an
//    event carries (counter < finish, counter reuse uses its own flush's value, ...).
//  - counters (`timeConsistency`, default on; always on with `emissionOrder`): the shared counters
//    read in the events' order — flush numbers go up by one, an fq_add's counter equals the
//    flush_starts before it, a pass's finish has been reached, start - finish = flushes in flight.
//  - `flushCoverage` (default on): fact 21 in simulated time — an IOVA goes back to the allocator
//    only after a flush that *started after its unmap* has finished (the only kind of flush that
//    drops its cached translation, iotlb.ts).
//  - `emissionOrder` (default off): the events are in the engine's emission order (its
//    linearisation), in which each atomic section is contiguous. Then also: each pass that frees
//    uses exactly the current finish count, and the timer is armed by the very next event after an
//    fq_add that found fq_timer_on == 0. (A pass that frees nothing emits nothing, and another CPU's
//    flush may finish between it and the forced flush or add that follows — the kernel holds only
//    the ring lock there — so "no retirable head left" is checked against `passFloor` in both modes.)
//
// Nothing here depends on the allocator: `rcache_*` events may or may not appear, and IOVAs are
// tracked as ranges [pfn, pfn + roundedLen(pages)) whatever the allocator hands out.
//
// Not a test file and not used by production code.

import { fqCovered } from '../fq/ring.ts';
import { resolve, type Scenario } from '../scenario.ts';
import { EV_FIELDS, EV_NAMES, type TraceEvent } from '../trace.ts';
import { roundedLen } from '../iova/types.ts';

export interface TraceCheckOptions {
  /** Check the shared counters in the events' order (see the file comment). Default true. */
  timeConsistency?: boolean;
  /** Check fact 21 against simulated time (see the file comment). Default true. */
  flushCoverage?: boolean;
  /**
   * The events are in the engine's emission order rather than the recorded (time, emit order); adds
   * the rules that need each atomic section to be contiguous. Default false.
   */
  emissionOrder?: boolean;
  /** Stop after this many violations (default 40). */
  maxViolations?: number;
}

export interface TraceStats {
  events: number;
  maps: number;
  unmaps: number;
  iotlbSyncs: number;
  fqAdds: number;
  fqFrees: number;
  flushStarts: { full: number; timeout: number };
  flushFinishes: { full: number; timeout: number };
  timerArms: number;
  timerFires: number;
  timerDones: number;
  /** fq_free events executed by a CPU inside its own fq_flush_timeout window. */
  freesByTimer: number;
  freesByOwner: number;
  /** Timer frees of entries queued after the timeout's own flush started (docs/kernel.md §3.7). */
  freesByTimerAfterFlush: number;
  /** timer_arm events emitted while some CPU was between its timer_fire and timer_done (fact 14). */
  armsDuringTimeout: number;
  /** Forced (ring-full) flushes whose ring was fully drained by the second pass (fact 11). */
  fullFlushesDrained: number;
  /** Highest occupancy seen per ring. */
  maxOccupancy: number[];
  /** Occupancy per ring at the end of the trace. */
  finalOccupancy: number[];
  /** Flushes started but not finished at the end of the trace. */
  flushesInFlight: number;
  /** IOVA ranges mapped and not yet returned to the allocator at the end of the trace. */
  liveIovas: number;
}

export interface TraceAnalysis {
  violations: string[];
  stats: TraceStats;
}

interface Entry {
  idx: number;
  pfn: number;
  pages: number;
  counter: number;
}

/** One ring, as a FIFO of entries plus the kernel's head/tail indices. */
class ModelRing {
  private items: Entry[] = [];
  private first = 0;
  head = 0;
  tail = 0;
  get count(): number {
    return this.items.length - this.first;
  }
  peek(): Entry | undefined {
    return this.items[this.first];
  }
  push(e: Entry): void {
    this.items.push(e);
  }
  shift(): Entry | undefined {
    const e = this.items[this.first];
    if (e === undefined) return undefined;
    this.first++;
    if (this.first > 1024 && this.first * 2 > this.items.length) {
      this.items = this.items.slice(this.first);
      this.first = 0;
    }
    return e;
  }
  *entries(): Iterable<Entry> {
    for (let i = this.first; i < this.items.length; i++) yield this.items[i];
  }
}

type IovaState = 'mapped' | 'unmapped' | 'queued';
interface Iova {
  pfn: number;
  pages: number;
  end: number;
  state: IovaState;
  /** CPU that unmapped it (valid once unmapped). */
  cpu: number;
  /** Time of its unmap (PTEs cleared). */
  unmapT: number;
}

/** Live IOVA ranges, sorted by start, for overlap checks in O(log n). */
class RangeSet {
  private starts: number[] = [];
  private byStart = new Map<number, Iova>();
  get size(): number {
    return this.starts.length;
  }
  get(pfn: number): Iova | undefined {
    return this.byStart.get(pfn);
  }
  /** A live range overlapping [lo, hi), if any. */
  overlapping(lo: number, hi: number): Iova | undefined {
    const i = this.lowerBound(lo);
    // The range starting before lo (it may extend past lo) and the one starting at/after lo.
    for (const j of [i - 1, i]) {
      if (j < 0 || j >= this.starts.length) continue;
      const r = this.byStart.get(this.starts[j])!;
      if (r.pfn < hi && lo < r.end) return r;
    }
    return undefined;
  }
  add(r: Iova): void {
    const i = this.lowerBound(r.pfn);
    this.starts.splice(i, 0, r.pfn);
    this.byStart.set(r.pfn, r);
  }
  delete(pfn: number): void {
    const i = this.lowerBound(pfn);
    if (this.starts[i] === pfn) this.starts.splice(i, 1);
    this.byStart.delete(pfn);
  }
  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.starts[m] < x) lo = m + 1;
      else hi = m;
    }
    return lo;
  }
}

interface TimerWindow {
  /** fired -> flushing (flush_start seen) -> flushed (flush_finish seen). */
  stage: 'fired' | 'flushing' | 'flushed';
  startVal: number;
  finishVal: number;
  lastRing: number;
}

interface Pass {
  cpu: number;
  ring: number;
  finish: number;
}

const num = (e: TraceEvent, f: string): number => e[f] as number;

/** The fields the event contract (trace.ts EV_FIELDS) fixes per event (more may be added, never fewer). */
export const CONTRACT_FIELDS: Record<string, readonly string[]> = {
  map: ['pfn', 'pages', 'cls', 'src'],
  unmap: ['pfn', 'pages'],
  iotlb_sync: ['pfn', 'pages'],
  fq_add: ['ring', 'idx', 'pfn', 'pages', 'counter'],
  fq_free: ['ring', 'idx', 'pfn', 'pages', 'counter', 'finish'],
  flush_start: ['reason', 'start'],
  flush_finish: ['reason', 'finish'],
  timer_arm: ['expires'],
  timer_fire: [],
  timer_done: [],
  rcache_insert: ['cls', 'to'],
  rcache_get: ['cls', 'from'],
  depot_reclaim: ['cls', 'depot'],
  rcache_flush: [],
};

/** Events a CPU may emit between its timer_fire and timer_done. */
const IN_TIMEOUT = new Set(['flush_start', 'flush_finish', 'fq_free', 'rcache_insert', 'rcache_get', 'timer_done']);

/**
 * Replays `events` against a model of the flush queues, counters, timer and IOVA lifecycle, and
 * returns every rule broken (empty = all hold) plus counts the tests use.
 */
export function analyzeTrace(events: readonly TraceEvent[], scenario: Scenario, opts: TraceCheckOptions = {}): TraceAnalysis {
  const linear = opts.emissionOrder ?? false;
  const atomic = linear;
  const timed = linear || (opts.timeConsistency ?? true);
  const coverage = opts.flushCoverage ?? true;
  const maxV = opts.maxViolations ?? 40;
  const r = resolve(scenario);
  const P = scenario.cpus;
  const single = scenario.queue === 'single';
  const size = r.fqSize;
  const mask = size - 1;
  const cr = scenario.counterReuse;
  const modeFixed = !scenario.interventions.some((x) => x.kind === 'mode');
  const mode = scenario.mode;

  const violations: string[] = [];
  const rings = Array.from({ length: r.nrings }, () => new ModelRing());
  const live = new RangeSet();
  const stats: TraceStats = {
    events: events.length,
    maps: 0,
    unmaps: 0,
    iotlbSyncs: 0,
    fqAdds: 0,
    fqFrees: 0,
    flushStarts: { full: 0, timeout: 0 },
    flushFinishes: { full: 0, timeout: 0 },
    timerArms: 0,
    timerFires: 0,
    timerDones: 0,
    freesByTimer: 0,
    freesByOwner: 0,
    freesByTimerAfterFlush: 0,
    armsDuringTimeout: 0,
    fullFlushesDrained: 0,
    maxOccupancy: new Array(r.nrings).fill(0),
    finalOccupancy: [],
    flushesInFlight: 0,
    liveIovas: 0,
  };

  let startCount = 0;
  let finishCount = 0;
  // A lower bound for the `finish` a CPU's queue_iova pass read: the counter at its unmap, or at
  // its own forced flush's finish. Other CPUs may finish flushes between a pass and the next step
  // (the kernel holds only the ring lock), so rules about a pass compare against this bound.
  const passFloor = new Map<number, number>();
  /** Highest flush number (start value) among flushes that have finished. */
  let maxFinishedStart = 0;
  /** Latest flush_start time among flushes whose flush_finish has been seen. */
  let maxFinishedStartT = -Infinity;
  const inFlight: ({ start: number; reason: string; t: number } | null)[] = new Array(P).fill(null);
  /** The last forced flush of each CPU whose second pass and add have not been seen yet. */
  const afterFull: ({ start: number; finish: number } | null)[] = new Array(P).fill(null);
  const windows: (TimerWindow | null)[] = new Array(P).fill(null);
  let openWindows = 0;
  let timer: { cpu: number; expires: number } | null = null;
  /** Set right after an fq_add that found no timer pending: the next event must arm it. */
  let mustArm: number | null = null;
  const lastT = new Array(P).fill(-Infinity);
  /** Last non-rcache event per CPU (strict path: unmap -> iotlb_sync). */
  const lastOf: (TraceEvent | null)[] = new Array(P).fill(null);
  /** Per CPU: the free pass in progress (a run of its fq_free on one ring). */
  const passes: (Pass | null)[] = new Array(P).fill(null);
  /** Per CPU: whether its last non-rcache event freed an IOVA (fq_free or the strict sync). */
  const freeing: boolean[] = new Array(P).fill(false);

  let i = 0;
  const fail = (msg: string, e?: TraceEvent): void => {
    if (violations.length < maxV) violations.push(`#${i} ${msg}${e ? ` :: ${JSON.stringify(e)}` : ''}`);
  };
  const ringOf = (cpu: number): number => (single ? 0 : cpu);

  const endPass = (cpu: number): void => {
    const pass = passes[cpu];
    if (!pass) return;
    // fq_ring_free stops only at an empty ring or a head it may not free (facts 4, 5).
    const head = rings[pass.ring].peek();
    if (head && fqCovered(head.counter, pass.finish))
      fail(`free pass of CPU ${pass.cpu} on ring ${pass.ring} stopped before a retirable head (counter ${head.counter} < finish ${pass.finish})`);
    passes[cpu] = null;
  };

  for (i = 0; i < events.length; i++) {
    const e = events[i];
    const c = e.cpu;
    const ev = e.ev;

    // --- shape (the event contract, trace.ts EV_FIELDS) ---
    if (!EV_NAMES.includes(ev)) {
      fail(`unknown event name`, e);
      continue;
    }
    if (!Number.isInteger(e.t) || e.t < 0) fail(`t is not a non-negative integer`, e);
    if (!Number.isInteger(c) || c < -1 || c >= P) fail(`cpu out of range [-1, ${P - 1}]`, e);
    for (const f of CONTRACT_FIELDS[ev] ?? []) if (!(f in e)) fail(`missing field ${f}`, e);
    if (c >= 0) {
      if (e.t < lastT[c]) fail(`time went backwards on CPU ${c} (${lastT[c]} -> ${e.t})`, e);
      lastT[c] = e.t;
    }

    if (ev === 'rcache_insert') {
      // free_iova_fast puts the IOVA into the rcache of the CPU executing the free (§3.7, fact 16):
      // the insert is part of that CPU's own free.
      if (c >= 0 && !freeing[c]) fail(`rcache_insert on CPU ${c}, which is not freeing an IOVA`, e);
      continue;
    }
    if (ev === 'rcache_get' || ev === 'rcache_flush' || ev === 'depot_reclaim') {
      if (c >= 0) freeing[c] = false;
      continue;
    }
    if (c >= 0) {
      // A CPU's free pass ends at its first event other than its next fq_free on that ring.
      const pass = passes[c];
      if (pass && !(ev === 'fq_free' && num(e, 'ring') === pass.ring)) endPass(c);
      freeing[c] = false;
    }

    // --- fact 13: the arm follows the fq_add that found fq_timer_on == 0, and only that ---
    if (linear) {
      if (mustArm !== null) {
        if (!(ev === 'timer_arm' && c === mustArm)) fail(`CPU ${mustArm} queued an entry with no timer pending but did not arm the timer`, e);
        mustArm = null;
      } else if (ev === 'timer_arm') {
        fail(timer ? `timer armed while already pending (armed on CPU ${timer.cpu})` : `timer armed other than right after an fq_add`, e);
      }
    } else if (ev === 'timer_arm') {
      if (timer) fail(`timer armed while already pending (armed on CPU ${timer.cpu})`, e);
      const prev = lastOf[c];
      if (!prev || prev.ev !== 'fq_add') fail(`timer armed other than right after an fq_add on CPU ${c}`, e);
    }

    // --- timeout windows: only the callback's own work on that CPU (facts 15, 16) ---
    const w = c >= 0 ? windows[c] : null;
    if (w && !IN_TIMEOUT.has(ev)) fail(`CPU ${c} ran ${ev} inside its fq_flush_timeout`, e);

    switch (ev) {
      case 'map': {
        stats.maps++;
        if (modeFixed && mode === 'passthrough') fail(`map in passthrough mode`, e);
        const pfn = num(e, 'pfn');
        const pages = num(e, 'pages');
        if (!Number.isInteger(pfn) || pfn < 1) fail(`map returned pfn ${pfn} (pfn 0 means failure, fact 30)`, e);
        const end = pfn + roundedLen(pages);
        const o = live.overlapping(pfn, end);
        if (o) {
          const why =
            o.state === 'queued'
              ? 'is still queued in a flush queue (fact 22)'
              : o.state === 'unmapped'
                ? 'is being unmapped and not yet invalidated/queued (facts 20, 21)'
                : 'is still mapped';
          fail(`IOVA [${pfn}, ${end}) handed out while [${o.pfn}, ${o.end}) ${why}`, e);
          live.delete(o.pfn);
        }
        live.add({ pfn, pages, end, state: 'mapped', cpu: -1, unmapT: -1 });
        break;
      }
      case 'unmap': {
        stats.unmaps++;
        passFloor.set(c, finishCount);
        const x = live.get(num(e, 'pfn'));
        if (!x || x.state !== 'mapped') fail(`unmap of an IOVA that is not mapped (${x ? x.state : 'unknown'})`, e);
        else if (x.pages !== num(e, 'pages')) fail(`unmap of ${num(e, 'pages')} pages, mapped ${x.pages}`, e);
        if (x) {
          x.state = 'unmapped';
          x.cpu = c;
          x.unmapT = e.t;
        }
        break;
      }
      case 'iotlb_sync': {
        stats.iotlbSyncs++;
        if (modeFixed && mode !== 'strict') fail(`iotlb_sync in ${mode} mode`, e);
        const pfn = num(e, 'pfn');
        const x = live.get(pfn);
        if (!x || x.state !== 'unmapped' || x.cpu !== c) fail(`iotlb_sync of an IOVA not being unmapped by CPU ${c}`, e);
        // Strict (fact 20): unmap, then the range sync on the same CPU, nothing in between.
        const prev = lastOf[c];
        if (!prev || prev.ev !== 'unmap' || num(prev, 'pfn') !== pfn) fail(`iotlb_sync not right after its unmap on CPU ${c}`, e);
        // The IOVA goes back to the allocator now (free_iova_fast after the sync).
        live.delete(pfn);
        freeing[c] = true;
        break;
      }
      case 'fq_add': {
        stats.fqAdds++;
        if (modeFixed && mode !== 'lazy') fail(`fq_add in ${mode} mode`, e);
        const ring = num(e, 'ring');
        // Fact 12: the enqueuing CPU's own ring, or the single ring.
        if (ring !== ringOf(c)) fail(`fq_add to ring ${ring} by CPU ${c}; expected ring ${ringOf(c)}`, e);
        const q = rings[ring];
        if (!q) {
          fail(`ring ${ring} does not exist`, e);
          break;
        }
        const pfn = num(e, 'pfn');
        const x = live.get(pfn);
        if (!x || x.state !== 'unmapped' || x.cpu !== c) fail(`fq_add of an IOVA not being unmapped by CPU ${c}`, e);
        else x.state = 'queued';
        const prev = lastOf[c];
        if (!prev || !((prev.ev === 'unmap' && num(prev, 'pfn') === pfn) || (prev.ev === 'flush_finish' && prev.reason === 'full') || prev.ev === 'fq_free'))
          fail(`fq_add not part of queue_iova after its unmap on CPU ${c} (previous: ${prev?.ev})`, e);
        // Fact 9: the pass just run left no head retirable against what it must have read.
        const head = q.peek();
        const floor = passFloor.get(c) ?? 0;
        if (timed && head && fqCovered(head.counter, floor))
          fail(`fq_add while the ring's head (counter ${head.counter}) is retirable against finish ${floor}: no free pass ran`, e);
        // Fact 11: after a forced flush that brought finish up to its own start value, the second
        // pass empties the ring.
        const ff = c >= 0 ? afterFull[c] : null;
        if (ff) {
          if (ff.finish >= ff.start) {
            if (q.count !== 0) fail(`ring ${ring} still holds ${q.count} entries after a forced flush with nothing older in flight`, e);
            else stats.fullFlushesDrained++;
          }
          afterFull[c] = null;
        }
        // Fact 2: capacity is size - 1; adding to a full ring overwrites it (§3.9 what-if).
        if (q.count >= size - 1) fail(`fq_add to a full ring ${ring} (${q.count} of ${size} slots): overrun`, e);
        // Fact 3: write at the old tail, tail advances modulo size.
        if (num(e, 'idx') !== q.tail) fail(`fq_add at idx ${num(e, 'idx')}; tail is ${q.tail}`, e);
        // Fact 6: counter = fq_flush_start_cnt at enqueue.
        if (timed && num(e, 'counter') !== startCount) fail(`fq_add counter ${num(e, 'counter')} != flush starts so far (${startCount})`, e);
        q.push({ idx: num(e, 'idx'), pfn, pages: num(e, 'pages'), counter: num(e, 'counter') });
        q.tail = (q.tail + 1) & mask;
        if (q.count > stats.maxOccupancy[ring]) stats.maxOccupancy[ring] = q.count;
        if (!timer) mustArm = c;
        break;
      }
      case 'fq_free': {
        stats.fqFrees++;
        const ring = num(e, 'ring');
        const q = rings[ring];
        if (!q) {
          fail(`ring ${ring} does not exist`, e);
          break;
        }
        const counter = num(e, 'counter');
        const finish = num(e, 'finish');
        // Fact 4: only from head, in insertion order.
        const head = q.shift();
        if (!head) fail(`fq_free from empty ring ${ring}`, e);
        else {
          if (head.pfn !== num(e, 'pfn') || head.counter !== counter || head.pages !== num(e, 'pages'))
            fail(`fq_free of pfn ${num(e, 'pfn')} but ring ${ring}'s head is pfn ${head.pfn} (counter ${head.counter})`, e);
          if (num(e, 'idx') !== q.head) fail(`fq_free at idx ${num(e, 'idx')}; head is ${q.head}`, e);
          q.head = (q.head + 1) & mask;
        }
        // Fact 5: counter < the pass's finish, which is a value the counter has had.
        if (!fqCovered(counter, finish)) fail(`entry freed with counter ${counter} >= finish ${finish}`, e);
        if (timed && finish > finishCount) fail(`free pass used finish ${finish} but only ${finishCount} flushes have finished`, e);
        // Fact 21: a flush that started after the enqueue (flush number counter + 1 or later) has
        // finished.
        if (timed && maxFinishedStart < counter + 1) fail(`entry (counter ${counter}) freed before any flush started after it finished`, e);
        // One pass = one read of finish.
        const pass = c >= 0 ? passes[c] : null;
        if (pass) {
          if (finish !== pass.finish) fail(`finish changed within one free pass (${pass.finish} -> ${finish}): not read once`, e);
        } else if (c >= 0) passes[c] = { cpu: c, ring, finish };
        if (w) {
          stats.freesByTimer++;
          if (w.stage !== 'flushed') fail(`fq_flush_timeout freed before its own flush finished`, e);
          // Fact 15: one pass per ring, in CPU order.
          if (ring < w.lastRing) fail(`fq_flush_timeout visited ring ${ring} after ring ${w.lastRing}`, e);
          w.lastRing = ring;
          if (counter >= w.startVal) stats.freesByTimerAfterFlush++;
          // Fact 17: counter reuse frees every ring against the timeout's own flush value; mainline
          // re-reads finish for each ring (never smaller than its own flush's value).
          if (cr) {
            if (finish !== w.finishVal) fail(`counter reuse: timeout pass used finish ${finish}, its own flush produced ${w.finishVal}`, e);
          } else {
            if (finish < w.finishVal) fail(`timeout pass used finish ${finish} below its own flush's ${w.finishVal}`, e);
            if (atomic && timed && finish !== finishCount) fail(`mainline timeout pass used finish ${finish}; the counter is ${finishCount}`, e);
          }
        } else {
          stats.freesByOwner++;
          // Outside the timeout a CPU frees only its own ring (§3.7).
          if (ring !== ringOf(c)) fail(`CPU ${c} freed ring ${ring} outside fq_flush_timeout`, e);
          if (atomic && timed && finish !== finishCount) fail(`queue_iova pass used finish ${finish}; the counter is ${finishCount}`, e);
        }
        const x = live.get(num(e, 'pfn'));
        if (!x || x.state !== 'queued') fail(`fq_free of an IOVA that is not queued`, e);
        else {
          // Fact 21 in simulated time: some flush_iotlb_all that started after this IOVA's PTEs were
          // cleared has completed (only such a flush drops its cached translation; iotlb.ts).
          if (coverage && !(maxFinishedStartT > x.unmapT))
            fail(`IOVA unmapped at t=${x.unmapT} returned to the allocator, but the latest completed flush started at t=${maxFinishedStartT}`, e);
          live.delete(x.pfn);
        }
        if (c >= 0) freeing[c] = true;
        break;
      }
      case 'flush_start': {
        const reason = e.reason as string;
        if (reason !== 'full' && reason !== 'timeout') fail(`unknown flush reason`, e);
        stats.flushStarts[reason === 'full' ? 'full' : 'timeout']++;
        if (modeFixed && mode !== 'lazy') fail(`flush_iotlb_all in ${mode} mode`, e);
        // Facts 7, 8: start increments by one, before the flush.
        startCount++;
        if (timed && num(e, 'start') !== startCount) fail(`flush_start start=${num(e, 'start')}; expected ${startCount}`, e);
        if (c < 0) break;
        if (inFlight[c]) fail(`CPU ${c} started a flush while its previous one is in flight`, e);
        inFlight[c] = { start: num(e, 'start'), reason, t: e.t };
        if (reason === 'full') {
          // Fact 10: only when the enqueuing CPU's ring is full after the first pass; executed by
          // that CPU (it holds the ring lock: nobody else adds or frees until its add).
          const q = rings[ringOf(c)];
          if (w) fail(`ring-full flush inside fq_flush_timeout`, e);
          if (q.count !== size - 1) fail(`ring-full flush by CPU ${c} with ${q.count} of ${size - 1} entries in ring ${ringOf(c)}`, e);
          const head = q.peek();
          const floor = passFloor.get(c) ?? 0;
          if (timed && head && head.counter < floor) fail(`ring-full flush although the head (counter ${head.counter}) was retirable against ${floor}`, e);
          const prev = lastOf[c];
          if (!prev || !((prev.ev === 'unmap') || prev.ev === 'fq_free')) fail(`ring-full flush not inside queue_iova (previous: ${prev?.ev})`, e);
        } else {
          // Fact 15: exactly one flush, right at the start of the callback.
          if (!w || w.stage !== 'fired') fail(`timeout flush outside a fresh fq_flush_timeout`, e);
          else {
            w.stage = 'flushing';
            w.startVal = num(e, 'start');
          }
        }
        break;
      }
      case 'flush_finish': {
        const reason = e.reason as string;
        stats.flushFinishes[reason === 'full' ? 'full' : 'timeout']++;
        finishCount++;
        if (timed && num(e, 'finish') !== finishCount) fail(`flush_finish finish=${num(e, 'finish')}; expected ${finishCount}`, e);
        if (c >= 0 && reason === 'full') passFloor.set(c, finishCount);
        if (timed && finishCount > startCount) fail(`finish count ${finishCount} exceeds start count ${startCount}`, e);
        if (c < 0) break;
        const f = inFlight[c];
        if (!f) fail(`flush_finish on CPU ${c} with no flush in flight`, e);
        else {
          if (f.reason !== reason) fail(`flush_finish reason ${reason}; the flush started as ${f.reason}`, e);
          if (f.start > maxFinishedStart) maxFinishedStart = f.start;
          if (f.t > maxFinishedStartT) maxFinishedStartT = f.t;
          inFlight[c] = null;
          if (reason === 'full') afterFull[c] = { start: f.start, finish: num(e, 'finish') };
        }
        if (reason === 'timeout') {
          if (!w || w.stage !== 'flushing') fail(`timeout flush finished outside its fq_flush_timeout`, e);
          else {
            w.stage = 'flushed';
            w.finishVal = num(e, 'finish');
          }
        }
        break;
      }
      case 'timer_arm': {
        stats.timerArms++;
        if (openWindows > 0) stats.armsDuringTimeout++;
        const expires = num(e, 'expires');
        if (!(expires > e.t)) fail(`timer armed to expire at ${expires}, not after now`, e);
        if (scenario.timerHz === 0 && expires !== e.t + r.fqTimeoutNs) fail(`timer period ${expires - e.t} ns; expected ${r.fqTimeoutNs}`, e);
        if (scenario.timerHz > 0) {
          const j = 1e9 / scenario.timerHz;
          const period = Math.ceil(r.fqTimeoutNs / j) * j;
          if (expires - e.t > period + 1 || expires - e.t <= period - j - 1) fail(`jiffy-rounded expiry ${expires - e.t} ns outside (${period - j}, ${period}]`, e);
        }
        // __mod_timer keeps a timer whose callback is running on that CPU's base (docs/kernel.md
        // §3.5: the timer runs on the base of the CPU that armed it): armed during a callback on
        // CPU T, it fires on T; otherwise on the arming CPU.
        const running = windows.findIndex((x) => x !== null);
        timer = { cpu: running >= 0 ? running : c, expires };
        break;
      }
      case 'timer_fire': {
        stats.timerFires++;
        if (!timer) fail(`timer fired with none armed`, e);
        else {
          // The callback runs on the timer's base CPU, not before it expires.
          if (timer.cpu !== c) fail(`timer queued on CPU ${timer.cpu}'s base fired on CPU ${c}`, e);
          if (e.t < timer.expires) fail(`timer fired at ${e.t} before it expires (${timer.expires})`, e);
        }
        timer = null; // fq_timer_on = 0 before the flush (fact 14)
        if (w) fail(`timer fired on CPU ${c} while its previous callback runs`, e);
        if (openWindows > 0) fail(`timer fired on CPU ${c} while a callback runs on another CPU (timers are serialised)`, e);
        if (c >= 0) {
          windows[c] = { stage: 'fired', startVal: 0, finishVal: 0, lastRing: -1 };
          openWindows++;
        }
        break;
      }
      case 'timer_done': {
        stats.timerDones++;
        if (!w) fail(`timer_done without timer_fire`, e);
        else {
          if (w.stage !== 'flushed') fail(`fq_flush_timeout returned without a completed flush`, e);
          // Every entry queued before the timeout's flush started was covered by it: if that flush
          // brought finish up to its own start value, no such entry can be left in any ring.
          else if (w.finishVal >= w.startVal)
            rings.forEach((q, rr) => {
              const old = [...q.entries()].find((x) => x.counter < w.startVal);
              if (old) fail(`fq_flush_timeout left ring ${rr}'s entry (counter ${old.counter}) that its flush (start ${w.startVal}) covered`, e);
            });
          windows[c] = null;
          openWindows--;
        }
        break;
      }
    }
    if (c >= 0) lastOf[c] = e;
    // Fact 7: start - finish = flushes in flight (one per CPU at most).
    const inflight = inFlight.reduce((a, f) => a + (f ? 1 : 0), 0);
    if (timed && (ev === 'flush_start' || ev === 'flush_finish')) {
      if (startCount - finishCount !== inflight) fail(`start ${startCount} - finish ${finishCount} != ${inflight} flushes in flight`, e);
    }
  }
  for (let cpu = 0; cpu < P; cpu++) endPass(cpu);
  stats.finalOccupancy = rings.map((q) => q.count);
  stats.flushesInFlight = startCount - finishCount;
  stats.liveIovas = live.size;
  return { violations, stats };
}

/** All broken rules (empty when the trace obeys the flush-queue facts listed above). */
export function checkTraceInvariants(events: readonly TraceEvent[], scenario: Scenario, opts?: TraceCheckOptions): string[] {
  return analyzeTrace(events, scenario, opts).violations;
}

/** Summary counters that must agree with the trace (the summary's fields against the trace's events). */
export function checkSummaryAgainstTrace(
  summary: {
    flushes: { full: number; timeout: number };
    freesByOwner: number;
    freesByTimer: number;
    freesByTimerAfterFlush: number;
    fqOverruns: number;
    events: number;
    timeouts: { count: number };
  },
  stats: TraceStats,
): string[] {
  const v: string[] = [];
  const eq = (name: string, a: number, b: number) => {
    if (a !== b) v.push(`summary.${name} = ${a} but the trace shows ${b}`);
  };
  eq('events', summary.events, stats.events);
  eq('flushes.full', summary.flushes.full, stats.flushFinishes.full);
  eq('flushes.timeout', summary.flushes.timeout, stats.flushFinishes.timeout);
  eq('freesByOwner', summary.freesByOwner, stats.freesByOwner);
  eq('freesByTimer', summary.freesByTimer, stats.freesByTimer);
  eq('freesByTimerAfterFlush', summary.freesByTimerAfterFlush, stats.freesByTimerAfterFlush);
  eq('timeouts.count', summary.timeouts.count, stats.timerDones);
  eq('fqOverruns', summary.fqOverruns, 0);
  return v;
}

/** Field names of each event in contract order, for tests that rebuild records. */
export function eventFieldNames(ev: string): readonly string[] {
  const k = EV_NAMES.indexOf(ev as (typeof EV_NAMES)[number]);
  return k >= 0 ? EV_FIELDS[k] : [];
}
