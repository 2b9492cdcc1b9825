// The flush-cycles timeline's intervals (panel 2): per CPU, the spans of unmaps (`unmap` → its
// `fq_add` or strict `iotlb_sync`), IOVA allocations (the first `rcache_get` → `map`), flushes
// (`flush_start` → `flush_finish`, by reason), FQ timeout callbacks (`timer_fire` → `timer_done`),
// timer arm / fire instants, and time spent spinning on a ring lock or on iova_rbtree_lock.
//
// Trace events arrive through the engine's tap (traceTap.ts), in time order per CPU. Lock waits are
// not trace events (adding some would change the trace hash), so they are read from engine state
// after each event: a ring-lock grant adds the waiter's spin to RingLocks.waitTotalNs (the grant is
// always the resumed CPU's own step), and Locks.waitLog lists contended rbtree sections, which run
// on the CPU of the event being processed.
//
// Each span remembers the playback position (events processed) at which it started and ended, so
// a step back can truncate the record exactly (`truncate`). Memory is bounded by a time window
// behind the current moment and a cap on the number of spans.
//
// A recorder can keep only some kinds: the live worker records the frequent ones (one unmap and
// one map per I/O, lock waits) near the moment, and the rare ones (flushes, timeouts, the timer)
// once for the whole run, which is cheap and lets the timeline show them over a longer window.

import type { Engine } from './engine.ts';
import type { History, StepObserver } from './history.ts';
import { LOCK_RBTREE, WAIT_LOG } from './locks.ts';
import { EV, type EvCode, type TraceEvent } from './trace.ts';
import type { TraceTap } from './traceTap.ts';
import type { Span, SpanKind } from './view.ts';

interface Rec {
  cpu: number;
  kind: SpanKind;
  t0: number;
  /** NaN while open. */
  t1: number;
  /** Positions (events processed) after the event that opened / closed it; Infinity while open. */
  s0: number;
  s1: number;
  /** Order in which spans closed (the delta protocol sends closed spans once). */
  seq: number;
}

// Open-span slots per CPU.
const G_UNMAP = 0;
const G_MAP = 1;
const G_FLUSH = 2;
const G_TIMEOUT = 3;
const GROUPS = 4;

function groupOf(kind: SpanKind): number {
  switch (kind) {
    case 'unmap':
      return G_UNMAP;
    case 'map':
      return G_MAP;
    case 'flush_full':
    case 'flush_timeout':
      return G_FLUSH;
    case 'timeout':
      return G_TIMEOUT;
    default:
      return -1;
  }
}

const EV_CODE = EV as Record<string, number>;

/** Which span kinds a recorder keeps. */
export type SpanFilter = 'all' | 'frequent' | 'rare';
/** Flushes, timeout callbacks and the timer: a few per millisecond at most. */
export const RARE_KINDS: readonly SpanKind[] = ['flush_full', 'flush_timeout', 'timeout', 'timer_arm', 'timer_fire'];

export interface SpanDelta {
  /** Replace everything held so far (after a seek, step back or fork). */
  reset: boolean;
  /** Spans closed since the last delta (all of them after a reset). */
  add: Span[];
  /** Spans still open at the moment, t1 = the moment, `open` set. */
  open: Span[];
  /** The window the spans cover, [t0, moment]. */
  window: [number, number];
}

export class SpanRecorder implements TraceTap, StepObserver {
  /** Playback position (events processed) the recorder is at. */
  pos = 0;
  private recs: Rec[] = [];
  private open: (Rec | null)[] = [];
  private seq = 0;
  private sentSeq = 0;
  private dirty = true;
  private windowStart = 0;
  private moment = 0;
  private ringWait = 0;
  private waitLogN = 0;

  constructor(
    /** How far behind the moment spans are kept (ns). */
    readonly windowNs: number,
    /** Most spans held (the window shrinks when there are more). */
    readonly maxSpans = 40_000,
    readonly filter: SpanFilter = 'all',
  ) {
    this.frequent = filter !== 'rare';
    this.rare = filter !== 'frequent';
  }
  private readonly frequent: boolean;
  private readonly rare: boolean;

  /** Starts over at the engine's current state (position `pos`): nothing recorded, nothing open. */
  reset(e: Engine, pos: number, moment = e.now): void {
    this.recs = [];
    this.open = [];
    this.pos = pos;
    this.moment = moment;
    this.windowStart = moment;
    this.dirty = true;
    this.resync(e);
  }

  /** Re-reads the lock counters of a (restored) engine so only later waits count. */
  resync(e: Engine): void {
    this.ringWait = e.ringLocks.waitTotalNs;
    this.waitLogN = e.locks.waitLogN;
  }

  /** TraceTap: one event as the engine emits it (numeric record, trace.ts EV_FIELDS order). */
  emit(ev: EvCode, t: number, cpu: number, a0: number): void {
    // map, unmap, iotlb_sync, fq_add, rcache_get, rcache_flush: the per-I/O (frequent) spans
    if (ev <= EV.fq_add || ev === EV.rcache_get || ev === EV.rcache_flush) {
      if (!this.frequent) return;
    } else if (!this.rare) return;
    switch (ev) {
      case EV.unmap:
        this.begin(cpu, 'unmap', t);
        break;
      case EV.fq_add:
      case EV.iotlb_sync:
        this.end(cpu, G_UNMAP, t);
        break;
      case EV.rcache_get:
      case EV.rcache_flush:
        if (!this.slot(cpu, G_MAP)) this.begin(cpu, 'map', t);
        break;
      case EV.map:
        if (!this.slot(cpu, G_MAP)) this.begin(cpu, 'map', t);
        this.end(cpu, G_MAP, t);
        break;
      case EV.flush_start:
        this.begin(cpu, a0 === 0 ? 'flush_full' : 'flush_timeout', t);
        break;
      case EV.flush_finish:
        this.end(cpu, G_FLUSH, t);
        break;
      case EV.timer_arm:
        this.instant(cpu, 'timer_arm', t, t);
        break;
      case EV.timer_fire:
        this.instant(cpu, 'timer_fire', t, t);
        this.begin(cpu, 'timeout', t);
        break;
      case EV.timer_done:
        this.end(cpu, G_TIMEOUT, t);
        break;
    }
  }

  /** The same from a decoded event (a TraceRecorder listener, tests). */
  onEvent(e: TraceEvent): void {
    const reason = e.ev === 'flush_start' ? (e.reason === 'full' ? 0 : 1) : 0;
    this.emit(EV_CODE[e.ev] as EvCode, e.t, e.cpu, reason);
  }

  /** StepObserver: after each event, lock waits from engine state. */
  stepped(h: History): void {
    this.afterStep(h.engine, h.step);
  }

  /** After the event that brought the engine to position `pos`. */
  afterStep(e: Engine, pos: number): void {
    this.pos = pos - 1; // the waits belong to that event, like its trace events
    this.moment = e.now;
    if (!this.frequent) {
      this.pos = pos;
      return;
    }
    const cpu = e.q.c;
    const rl = e.ringLocks;
    if (rl.waitTotalNs !== this.ringWait) {
      const w = rl.waitTotalNs - this.ringWait;
      this.ringWait = rl.waitTotalNs;
      this.instant(cpu, 'ring_lock_wait', rl.grantAt - w, rl.grantAt);
    }
    const L = e.locks;
    if (L.waitLogN !== this.waitLogN) {
      for (let n = Math.max(this.waitLogN, L.waitLogN - WAIT_LOG); n < L.waitLogN; n++) {
        const j = (n % WAIT_LOG) * 3;
        if (L.waitLog[j] === LOCK_RBTREE) this.instant(cpu, 'rbtree_lock_wait', L.waitLog[j + 1], L.waitLog[j + 2]);
      }
      this.waitLogN = L.waitLogN;
    }
    this.pos = pos;
    if (this.recs.length > 2 * this.maxSpans) this.prune();
  }

  /**
   * Back to position `pos` (a step back): spans opened later are dropped, spans closed later are
   * open again. `e` is the engine restored at `pos`.
   */
  truncate(e: Engine, pos: number, moment: number): void {
    this.recs = this.recs.filter((r) => r.s0 <= pos);
    this.open = [];
    for (const r of this.recs) {
      if (r.s1 > pos && groupOf(r.kind) >= 0) {
        r.t1 = NaN;
        r.s1 = Infinity;
        this.setSlot(r.cpu, groupOf(r.kind), r);
      }
    }
    this.pos = pos;
    this.moment = moment;
    if (this.windowStart > moment) this.windowStart = moment;
    this.dirty = true;
    this.resync(e);
  }

  /** Where the spans held now begin (ns). */
  get windowFrom(): number {
    return this.windowStart;
  }

  /** Sets the moment shown (a seek can end between events). */
  setMoment(t: number): void {
    this.moment = t;
  }

  /** What changed since the last call (or everything after a reset), with the window pruned. */
  delta(): SpanDelta {
    this.prune();
    const reset = this.dirty;
    const add: Span[] = [];
    const open: Span[] = [];
    for (const r of this.recs) {
      if (Number.isNaN(r.t1)) open.push({ cpu: r.cpu, kind: r.kind, t0: r.t0, t1: Math.max(r.t0, this.moment), open: true });
      else if (reset || r.seq > this.sentSeq) add.push({ cpu: r.cpu, kind: r.kind, t0: r.t0, t1: r.t1 });
    }
    this.sentSeq = this.seq;
    this.dirty = false;
    return { reset, add, open, window: [this.windowStart, this.moment] };
  }

  /** All spans held now (closed and open), for tests and full snapshots. */
  spans(): Span[] {
    return this.recs.map((r) => ({ cpu: r.cpu, kind: r.kind, t0: r.t0, t1: Number.isNaN(r.t1) ? Math.max(r.t0, this.moment) : r.t1, ...(Number.isNaN(r.t1) ? { open: true } : {}) }));
  }

  /** Drops closed spans that ended before the window, and the oldest beyond the cap. */
  private prune(): void {
    const from = this.moment - this.windowNs;
    let recs = this.recs;
    if (from > this.windowStart) {
      recs = recs.filter((r) => Number.isNaN(r.t1) || r.t1 >= from);
      this.windowStart = from;
    }
    if (recs.length > this.maxSpans) {
      // Oldest-ending first go; the window starts where they ended.
      const ends = recs.filter((r) => !Number.isNaN(r.t1)).map((r) => r.t1);
      ends.sort((a, b) => a - b);
      // Spans are kept iff they end at or after the window's start (the page prunes the same way).
      const cut = ends[Math.min(ends.length - 1, recs.length - this.maxSpans)];
      recs = recs.filter((r) => Number.isNaN(r.t1) || r.t1 >= cut);
      if (cut > this.windowStart) this.windowStart = cut;
    }
    this.recs = recs;
  }

  private slot(cpu: number, g: number): Rec | null {
    return this.open[(cpu + 1) * GROUPS + g] ?? null;
  }

  private setSlot(cpu: number, g: number, r: Rec | null): void {
    this.open[(cpu + 1) * GROUPS + g] = r;
  }

  private begin(cpu: number, kind: SpanKind, t: number): void {
    const g = groupOf(kind);
    const prev = this.slot(cpu, g);
    // An unmatched start (its end was lost, e.g. an allocation that failed) closes as an instant.
    if (prev) this.close(prev, prev.t0);
    const r: Rec = { cpu, kind, t0: t, t1: NaN, s0: this.pos + 1, s1: Infinity, seq: 0 };
    this.recs.push(r);
    this.setSlot(cpu, g, r);
  }

  private end(cpu: number, g: number, t: number): void {
    const r = this.slot(cpu, g);
    if (!r) return;
    this.close(r, t);
    this.setSlot(cpu, g, null);
  }

  private close(r: Rec, t: number): void {
    r.t1 = t;
    r.s1 = this.pos + 1;
    r.seq = ++this.seq;
  }

  private instant(cpu: number, kind: SpanKind, t0: number, t1: number): void {
    const r: Rec = { cpu, kind, t0, t1, s0: this.pos + 1, s1: this.pos + 1, seq: ++this.seq };
    this.recs.push(r);
  }
}
