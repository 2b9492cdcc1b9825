// Trace events (the event contract: `EV_FIELDS` below; docs/model.md, "The trace"). The engine
// emits numeric records so the hot loop allocates
// nothing; the sink folds every record into a running hash (traceHash) and, when asked, keeps the
// records so they can be written as JSON Lines. Field names and enum strings are fixed by the
// contract: more may be added, none renamed.

import { TraceOrder } from './traceOrder.ts';

export const EV = {
  map: 0,
  unmap: 1,
  iotlb_sync: 2,
  fq_add: 3,
  fq_free: 4,
  flush_start: 5,
  flush_finish: 6,
  timer_arm: 7,
  timer_fire: 8,
  timer_done: 9,
  rcache_insert: 10,
  rcache_get: 11,
  depot_reclaim: 12,
  rcache_flush: 13,
} as const;
export type EvName = keyof typeof EV;
export type EvCode = (typeof EV)[EvName];

export const EV_NAMES = Object.keys(EV) as EvName[];

/** Per event, the names of its numeric arguments a0..a5 in order. */
export const EV_FIELDS: readonly (readonly string[])[] = [
  ['pfn', 'pages', 'cls', 'src'], // map
  ['pfn', 'pages'], // unmap
  ['pfn', 'pages'], // iotlb_sync
  ['ring', 'idx', 'pfn', 'pages', 'counter'], // fq_add
  ['ring', 'idx', 'pfn', 'pages', 'counter', 'finish'], // fq_free
  ['reason', 'start'], // flush_start
  ['reason', 'finish'], // flush_finish
  ['expires'], // timer_arm
  [], // timer_fire
  [], // timer_done
  ['cls', 'to'], // rcache_insert
  ['cls', 'from'], // rcache_get
  ['cls', 'depot'], // depot_reclaim
  [], // rcache_flush
];

// Enumerated string fields are carried as small integers.
export const MAP_SRC = ['rcache', 'depot', 'rbtree', 'retry'] as const;
export const SRC_RCACHE = 0;
export const SRC_DEPOT = 1;
export const SRC_RBTREE = 2;
export const SRC_RETRY = 3;
export const FLUSH_REASON = ['full', 'timeout'] as const;
export const REASON_FULL = 0;
export const REASON_TIMEOUT = 1;
export const INSERT_TO = ['loaded', 'prev', 'depot', 'rbtree'] as const;
export const TO_LOADED = 0;
export const TO_PREV = 1;
export const TO_DEPOT = 2;
export const TO_RBTREE = 3;
export const GET_FROM = ['loaded', 'prev', 'depot', 'miss'] as const;
export const FROM_LOADED = 0;
export const FROM_PREV = 1;
export const FROM_DEPOT = 2;
export const FROM_MISS = 3;

/** Which argument of which event is an enum, and its strings. */
const ENUMS: Partial<Record<EvName, Record<string, readonly string[]>>> = {
  map: { src: MAP_SRC },
  flush_start: { reason: FLUSH_REASON },
  flush_finish: { reason: FLUSH_REASON },
  rcache_insert: { to: INSERT_TO },
  rcache_get: { from: GET_FROM },
};

export interface TraceEvent {
  t: number;
  ev: EvName;
  cpu: number;
  [field: string]: number | string;
}

/** Anything that receives the engine's events. */
export interface TraceSink {
  emit(ev: EvCode, t: number, cpu: number, a0?: number, a1?: number, a2?: number, a3?: number, a4?: number, a5?: number): void;
}

const ARITY = Int8Array.from(EV_FIELDS, (f) => f.length);
const NARGS = 6;

/**
 * Fingerprints, orders and optionally records the engine's events.
 *
 * traceHash: every event is hashed on its own — its name, time, CPU, its index among that CPU's
 * events, and its fields — and the event hashes are combined with a sum and an xor. The result
 * pins each CPU's complete event sequence and every event's time; it does not depend on how
 * events of *different* CPUs at the *same* nanosecond are interleaved (the only freedom left once
 * each CPU's sequence and all times are fixed). It costs one hash per event and no buffering,
 * so fast-forward runs can afford it, and it is the same in Node and the browser.
 *
 * Order: the engine emits an event with the time its state change takes effect, which can be
 * ahead of the event being processed (a CPU's job runs in one step). Every emit is at or after the
 * engine's current time and each CPU's emits are in time order, so when events are recorded or
 * listened to, a merge of per-CPU FIFOs (traceOrder.ts) releases them in (time, emit order) once
 * the engine has moved past them: `advance(now)` releases everything at or before `now`,
 * `flush()` everything (at the end of a run).
 */
export class TraceRecorder implements TraceSink {
  private sum = 0;
  private xor = 0;
  count = 0;
  /** Events emitted so far per CPU (index cpu + 1). */
  private laneSeq = new Float64Array(8);
  /** Released events, when `record` was set; `limit` caps memory. */
  readonly events: TraceEvent[] = [];
  /** Events are buffered for release in order (recorded or listened to); else advance() is a no-op. */
  readonly ordered: boolean;
  private readonly pending = new TraceOrder();
  /** Time of the last released event: emitting earlier than this would break the order. */
  private released = 0;

  constructor(
    private readonly record = false,
    private readonly limit = Infinity,
    private readonly listener?: (e: TraceEvent) => void,
  ) {
    this.ordered = (record && limit > 0) || listener !== undefined;
  }

  emit(ev: EvCode, t: number, cpu: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): void {
    const lane = cpu + 1;
    if (lane >= this.laneSeq.length) this.growLanes(lane);
    // Only the event's own fields (EV_FIELDS) count: the argument slots past its arity are
    // placeholders, whatever the caller passed.
    const n = ARITY[ev];
    if (n < 6) {
      a5 = 0;
      if (n < 5) {
        a4 = 0;
        if (n < 4) {
          a3 = 0;
          if (n < 3) {
            a2 = 0;
            if (n < 2) {
              a1 = 0;
              if (n < 1) a0 = 0;
            }
          }
        }
      }
    }
    // The event's hash: each value (low and high 32 bits) times its own odd constant, summed, then
    // murmur3's finaliser. The products are independent (no serial chain, unlike FNV); a field
    // zeroed above adds nothing. High words are taken only where pfns and the timer's expiry sit
    // (a0, a2) and of t; small values (everything but pfns and, past 2^31 ns, times) have none.
    const h =
      (Math.imul(ev + 1, 0x9e3779b1) +
        Math.imul(t | 0, 0x85ebca77) +
        Math.imul(hi(t), 0xc2b2ae3d) +
        Math.imul(cpu, 0x27d4eb2f) +
        Math.imul(this.laneSeq[lane]++, 0x165667b1) +
        Math.imul(a0 | 0, 0xd3a2646d) +
        Math.imul(hi(a0), 0xfd7046c5) +
        Math.imul(a1 | 0, 0xb55a4f09) +
        Math.imul(a2 | 0, 0x7feb352d) +
        Math.imul(hi(a2), 0x846ca68b) +
        Math.imul(a3 | 0, 0x2c1b3c6d) +
        Math.imul(a4 | 0, 0x297a2d39) +
        Math.imul(a5 | 0, 0xa9be1d3b)) |
      0;
    const f = fmix(h);
    this.sum = (this.sum + f) | 0;
    this.xor ^= Math.imul(f, 0x9e3779b1);
    this.count++;
    if (this.ordered) this.hold(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }

  private growLanes(lane: number): void {
    const g = new Float64Array(Math.max(lane + 1, this.laneSeq.length * 2));
    g.set(this.laneSeq);
    this.laneSeq = g;
  }

  /** Buffers an event for the ordered release (only when events are recorded or listened to). */
  private hold(ev: EvCode, t: number, cpu: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): void {
    if (t < this.released) throw new Error(`trace: ${EV_NAMES[ev]} at t=${t} emitted after events up to t=${this.released} were released`);
    const p = this.pending;
    const slot = p.push(t, cpu);
    p.ev[slot] = ev;
    const a = p.args;
    const i = slot * NARGS;
    a[i] = a0;
    a[i + 1] = a1;
    a[i + 2] = a2;
    a[i + 3] = a3;
    a[i + 4] = a4;
    a[i + 5] = a5;
  }

  /** Releases every buffered event at or before `now` (no later emit can precede them). */
  advance(now: number): void {
    if (!this.ordered) return;
    const p = this.pending;
    while (p.size > 0 && p.peekTime() <= now) this.release(p.pop());
    if (now > this.released) this.released = now;
  }

  /** Releases everything (the run is over). */
  flush(): void {
    const p = this.pending;
    while (p.size > 0) this.release(p.pop());
  }

  private release(slot: number): void {
    const p = this.pending;
    const t = p.t[slot];
    this.released = t;
    const i = slot * NARGS;
    const a = p.args;
    const e = decode(p.ev[slot] as EvCode, t, p.cpu[slot], [a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4], a[i + 5]]);
    if (this.record && this.events.length < this.limit) this.events.push(e);
    this.listener?.(e);
  }

  /** 8 hex digits fingerprinting every event emitted so far. */
  hash(): string {
    return (fmix(this.sum ^ fmix(this.xor ^ this.count)) >>> 0).toString(16).padStart(8, '0');
  }
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** floor(v / 2^32) for an integer v (exact below 2^53): the high word, 0 for 0 <= v < 2^32. */
function hi(v: number): number {
  return (v - (v >>> 0)) * 2.3283064365386963e-10;
}

/** Turns a numeric record into the contract's object shape (field order as in EV_FIELDS, the contract). */
export function decode(ev: EvCode, t: number, cpu: number, args: readonly number[]): TraceEvent {
  const name = EV_NAMES[ev];
  const e: TraceEvent = { t, ev: name, cpu };
  const fields = EV_FIELDS[ev];
  const enums = ENUMS[name];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const strings = enums?.[f];
    e[f] = strings ? strings[args[i]] : args[i];
  }
  return e;
}

/** One JSON Lines record. */
export function toJsonLine(e: TraceEvent): string {
  return JSON.stringify(e);
}
