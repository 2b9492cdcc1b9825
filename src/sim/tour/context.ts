// What a tour's predicates and texts can read: the state the trace has built up before the event
// being looked at. Everything here is derived from trace events only (plus the engine's SAC
// counters, read through a narrow interface), so a scan gives the same answers wherever it runs.

import type { SacStats } from '../kernel/sacStats.ts';
import type { Resolved, Scenario } from '../scenario.ts';
import type { TraceEvent } from '../trace.ts';
import type { TourHit } from './hit.ts';

/** One queued flush-queue entry (fq_add .. fq_free). */
export interface FqEntry {
  idx: number;
  pfn: number;
  pages: number;
  /** fq_flush_start_cnt when it was queued. */
  counter: number;
  t: number;
}

export class TourCtx {
  /** Index of the event being looked at. */
  index = 0;
  /** Entries per ring, in FIFO order (a Map keeps insertion order, which is the ring's order). */
  readonly rings = new Map<number, Map<number, FqEntry>>();
  /** fq_flush_start_cnt / fq_flush_finish_cnt as the last flush_start / flush_finish left them. */
  start = 0;
  finish = 0;
  /** Events seen so far, by name. */
  readonly counts = new Map<string, number>();
  /** The CPU running fq_flush_timeout (timer_fire .. timer_done), or -1. */
  timerCpu = -1;
  /** IOVAs in each CPU's loaded + prev magazines per size class, key `cpu:cls`. */
  readonly held = new Map<string, number>();
  /** Full magazines in the depot per class. */
  readonly depot = new Map<number, number>();
  /** When each mapped pfn's unmap returned (for the stale window), until a flush covers it. */
  readonly unmappedAt = new Map<number, number>();
  /** Earlier steps of this chapter that fired. */
  readonly hits: TourHit[] = [];

  /** Entries the running fq_flush_timeout has retired so far, and from which rings. */
  timerFrees = 0;
  readonly timerRings = new Set<number>();

  constructor(
    readonly s: Scenario,
    readonly r: Resolved,
    /** The engine's 32-bit-first attempt counters, live (read as the scan reaches the event). */
    readonly sac: Readonly<SacStats>,
  ) {}

  get magSize(): number {
    return this.r.magSize;
  }

  count(ev: string): number {
    return this.counts.get(ev) ?? 0;
  }

  ring(r: number): Map<number, FqEntry> {
    let m = this.rings.get(r);
    if (!m) this.rings.set(r, (m = new Map()));
    return m;
  }

  heldOf(cpu: number, cls: number): number {
    return this.held.get(`${cpu}:${cls}`) ?? 0;
  }

  /** The event of an earlier step (1-based). */
  hit(step: number): TourHit {
    return this.hits[step - 1];
  }

  /** Folds one event in (after the predicates have looked at it). */
  apply(e: TraceEvent): void {
    this.counts.set(e.ev, this.count(e.ev) + 1);
    // Flushes also by reason ("flush_finish:full", "flush_finish:timeout").
    if (e.reason !== undefined) this.counts.set(`${e.ev}:${e.reason}`, this.count(`${e.ev}:${e.reason}`) + 1);
    const n = (k: string) => e[k] as number;
    switch (e.ev) {
      case 'fq_add':
        this.ring(n('ring')).set(n('idx'), { idx: n('idx'), pfn: n('pfn'), pages: n('pages'), counter: n('counter'), t: e.t });
        break;
      case 'fq_free':
        this.ring(n('ring')).delete(n('idx'));
        if (e.cpu === this.timerCpu) {
          this.timerFrees++;
          this.timerRings.add(n('ring'));
        }
        break;
      case 'flush_start':
        this.start = n('start');
        break;
      case 'flush_finish':
        this.finish = n('finish');
        break;
      case 'timer_fire':
        this.timerCpu = e.cpu;
        this.timerFrees = 0;
        this.timerRings.clear();
        break;
      case 'timer_done':
        this.timerCpu = -1;
        break;
      case 'unmap':
        this.unmappedAt.set(n('pfn'), e.t);
        break;
      case 'rcache_insert':
        this.insert(e.cpu, n('cls'), e.to as string);
        break;
      case 'rcache_get':
        this.get(e.cpu, n('cls'), e.from as string);
        break;
      case 'depot_reclaim':
        this.depot.set(n('cls'), n('depot'));
        break;
      case 'rcache_flush':
        this.held.clear();
        this.depot.clear();
        break;
    }
  }

  private addHeld(cpu: number, cls: number, d: number): void {
    this.held.set(`${cpu}:${cls}`, this.heldOf(cpu, cls) + d);
  }

  // __iova_rcache_insert: into loaded or prev (+1); with both full, the full loaded goes to the
  // depot (or, fixed depot full, to the rbtree) and a fresh magazine takes the IOVA.
  private insert(cpu: number, cls: number, to: string): void {
    if (to === 'loaded' || to === 'prev') this.addHeld(cpu, cls, 1);
    else if (to === 'depot') {
      this.addHeld(cpu, cls, 1 - this.magSize);
      this.depot.set(cls, (this.depot.get(cls) ?? 0) + 1);
    } else if (this.heldOf(cpu, cls) >= 2 * this.magSize) this.addHeld(cpu, cls, 1 - this.magSize);
    // (to 'rbtree' with caches not full: a refused magazine allocation freed the one IOVA.)
  }

  // __iova_rcache_get: one IOVA from loaded or prev; from the depot, a full magazine replaces the
  // empty loaded and one IOVA is taken from it.
  private get(cpu: number, cls: number, from: string): void {
    if (from === 'loaded' || from === 'prev') this.addHeld(cpu, cls, -1);
    else if (from === 'depot') {
      this.addHeld(cpu, cls, this.magSize - 1);
      this.depot.set(cls, (this.depot.get(cls) ?? 0) - 1);
    }
  }
}
