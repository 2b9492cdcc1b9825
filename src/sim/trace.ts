// Trace events (DESIGN.md §3.2). The engine emits numeric records so the hot loop allocates
// nothing; the sink folds every record into a running hash (traceHash) and, when asked, keeps the
// records so they can be written as JSON Lines. Field names and enum strings are fixed by the
// contract: more may be added, none renamed.

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

const FNV_PRIME = 0x01000193;

/**
 * Hashes every event (FNV-1a over 32-bit words of each numeric field, low and high halves) and
 * optionally records events. The hash depends only on the event sequence, so it is the same in
 * Node and the browser.
 */
export class TraceRecorder implements TraceSink {
  private h = 0x811c9dc5;
  count = 0;
  /** Recorded events, when `record` was set; `limit` caps memory (later events only hash). */
  readonly events: TraceEvent[] = [];
  constructor(
    private readonly record = false,
    private readonly limit = Infinity,
    private readonly listener?: (e: TraceEvent) => void,
  ) {}

  emit(ev: EvCode, t: number, cpu: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): void {
    let h = this.h;
    h = Math.imul(h ^ ev, FNV_PRIME);
    h = mix(h, t);
    h = Math.imul(h ^ cpu, FNV_PRIME);
    h = mix(h, a0);
    h = mix(h, a1);
    h = mix(h, a2);
    h = mix(h, a3);
    h = mix(h, a4);
    this.h = mix(h, a5);
    this.count++;
    if ((this.record && this.events.length < this.limit) || this.listener) {
      const e = decode(ev, t, cpu, [a0, a1, a2, a3, a4, a5]);
      if (this.record && this.events.length < this.limit) this.events.push(e);
      this.listener?.(e);
    }
  }

  /** 8 hex digits of the running hash. */
  hash(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ (v | 0), FNV_PRIME);
  // high 32 bits only when present (pfns, times): small values cost one multiply
  return v >= 2147483648 || v < 0 ? Math.imul(h ^ Math.floor(v / 4294967296), FNV_PRIME) : h;
}

/** Turns a numeric record into the contract's object shape (field order as in DESIGN.md §3.2). */
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
