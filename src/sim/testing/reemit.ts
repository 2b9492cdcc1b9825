// Turns decoded trace events (the contract's objects, e.g. read back from JSON Lines) into the
// numeric records the engine emits, so a recorded trace can be re-hashed and compared with the
// run's traceHash. Not a test file and not used by production code.

import { EV, EV_FIELDS, FLUSH_REASON, GET_FROM, INSERT_TO, MAP_SRC, TraceRecorder, type EvName, type TraceEvent } from '../trace.ts';

const ENUM_STRINGS: Record<string, readonly string[]> = {
  src: MAP_SRC,
  reason: FLUSH_REASON,
  to: INSERT_TO,
  from: GET_FROM,
};

/** The numeric record (event code, t, cpu, a0..a5) of a decoded event. Throws on an unknown name or enum. */
export function encodeEvent(e: TraceEvent): { code: number; t: number; cpu: number; args: number[] } {
  const code = EV[e.ev as EvName];
  if (code === undefined) throw new Error(`unknown event ${e.ev}`);
  const args = EV_FIELDS[code].map((f) => {
    const v = e[f];
    if (typeof v === 'number') return v;
    const strings = ENUM_STRINGS[f];
    const k = strings ? strings.indexOf(v) : -1;
    if (k < 0) throw new Error(`${e.ev}.${f}: cannot encode ${JSON.stringify(v)}`);
    return k;
  });
  return { code, t: e.t, cpu: e.cpu, args };
}

/** Re-emits `events` into a fresh recorder and returns its hash (equal to the run's traceHash). */
export function rehash(events: readonly TraceEvent[]): string {
  const rec = new TraceRecorder();
  for (const e of events) {
    const { code, t, cpu, args } = encodeEvent(e);
    rec.emit(code as (typeof EV)[EvName], t, cpu, ...args);
  }
  return rec.hash();
}
