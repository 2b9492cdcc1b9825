// Trace events (the contract: trace.ts EV_FIELDS; docs/model.md, "The trace"): names and fields,
// decoding, the (time, emit order) release of the
// recorder, the record limit and listener, and the trace hash.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rehash } from './testing/reemit.ts';
import { CONTRACT_FIELDS } from './testing/traceInvariants.ts';
import { decode, EV, EV_FIELDS, EV_NAMES, TraceRecorder, type EvCode, type TraceEvent } from './trace.ts';

describe('trace event contract', () => {
  it('has every event of the contract with its fields in contract order (more may be added, none renamed)', () => {
    for (const [name, fields] of Object.entries(CONTRACT_FIELDS)) {
      const code = EV[name as keyof typeof EV];
      expect(code, name).toBeDefined();
      expect(EV_FIELDS[code].slice(0, fields.length)).toEqual(fields);
      expect(EV_NAMES[code]).toBe(name);
    }
  });

  it('decode gives {t, ev, cpu, fields…} in that order, enums as their strings', () => {
    const e = decode(EV.fq_free, 123, 2, [1, 7, 4096, 1, 3, 4]);
    expect(Object.keys(e)).toEqual(['t', 'ev', 'cpu', 'ring', 'idx', 'pfn', 'pages', 'counter', 'finish']);
    expect(e).toEqual({ t: 123, ev: 'fq_free', cpu: 2, ring: 1, idx: 7, pfn: 4096, pages: 1, counter: 3, finish: 4 });
    expect(decode(EV.flush_start, 1, 0, [0, 5]).reason).toBe('full');
    expect(decode(EV.flush_finish, 1, 0, [1, 5]).reason).toBe('timeout');
    expect(decode(EV.map, 1, 0, [9, 1, 0, 2]).src).toBe('rbtree');
    expect(decode(EV.rcache_insert, 1, 0, [0, 3]).to).toBe('rbtree');
    expect(decode(EV.rcache_get, 1, 0, [0, 3]).from).toBe('miss');
    expect(Object.keys(decode(EV.timer_fire, 1, 0, []))).toEqual(['t', 'ev', 'cpu']);
  });
});

describe('TraceRecorder', () => {
  it('releases events in (time, emit order), though CPUs emit ahead of each other', () => {
    const r = new TraceRecorder(true);
    r.emit(EV.unmap, 100, 0, 1, 1);
    r.emit(EV.unmap, 50, 1, 2, 1);
    r.emit(EV.unmap, 200, 0, 3, 1);
    r.emit(EV.unmap, 100, 1, 4, 1); // ties with CPU 0's t=100: emit order
    r.emit(EV.depot_reclaim, 60, -1, 0, 3);
    r.flush();
    expect(r.events.map((e) => [e.t, e.cpu])).toEqual([
      [50, 1],
      [60, -1],
      [100, 0],
      [100, 1],
      [200, 0],
    ]);
  });

  it('advance(now) releases what is at or before now; later emits before that time are refused', () => {
    const r = new TraceRecorder(true);
    r.emit(EV.unmap, 100, 0, 1, 1);
    r.emit(EV.unmap, 300, 1, 1, 1);
    r.advance(150);
    expect(r.events.map((e) => e.t)).toEqual([100]);
    expect(() => r.emit(EV.unmap, 120, 2, 1, 1)).toThrow();
    r.flush();
    expect(r.events.map((e) => e.t)).toEqual([100, 300]);
  });

  it('refuses a CPU going back in time', () => {
    const r = new TraceRecorder(true);
    r.emit(EV.unmap, 100, 0, 1, 1);
    expect(() => r.emit(EV.unmap, 99, 0, 1, 1)).toThrow();
  });

  it('record limit keeps the first events; count and hash cover all; the listener sees all in order', () => {
    const seen: TraceEvent[] = [];
    const r = new TraceRecorder(true, 3, (e) => seen.push(e));
    const plain = new TraceRecorder();
    for (let i = 0; i < 10; i++) {
      r.emit(EV.unmap, i * 10, i % 2, i, 1);
      plain.emit(EV.unmap, i * 10, i % 2, i, 1);
    }
    r.flush();
    expect(r.events).toHaveLength(3);
    expect(r.count).toBe(10);
    expect(seen.map((e) => e.pfn)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.events).toEqual(seen.slice(0, 3));
    expect(r.hash()).toBe(plain.hash());
  });

  it('hash: independent of how different CPUs interleave; sensitive to each CPU’s order and every field', () => {
    type Rec = { ev: EvCode; t: number; cpu: number; a: number[] };
    const key = (x: Rec) => JSON.stringify([x.ev, x.t, x.a.slice(0, EV_FIELDS[x.ev].length)]);
    const recArb = fc.record({
      ev: fc.constantFrom(EV.unmap, EV.fq_add, EV.flush_start) as fc.Arbitrary<EvCode>,
      t: fc.integer({ min: 0, max: 2 ** 40 }),
      cpu: fc.integer({ min: -1, max: 3 }),
      a: fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 6, maxLength: 6 }),
    });
    const hashOf = (recs: Rec[]) => {
      const r = new TraceRecorder();
      for (const x of recs) r.emit(x.ev, x.t, x.cpu, ...x.a);
      return r.hash();
    };
    fc.assert(
      fc.property(fc.array(recArb, { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(5), (recs, pick, field) => {
        const h = hashOf(recs);
        // Stable sort by CPU: each CPU's own order kept, CPUs de-interleaved.
        const byCpu = [...recs].sort((x, y) => x.cpu - y.cpu);
        expect(hashOf(byCpu)).toBe(h);
        // Any change to one of an event's own fields (EV_FIELDS) shows; the unused argument slots
        // are placeholders and do not count.
        const i = pick % recs.length;
        const arity = EV_FIELDS[recs[i].ev].length;
        const changed = recs.map((x, j) => (j === i ? { ...x, a: x.a.map((v, k) => (k === field % arity ? v + 1 : v)) } : x));
        expect(hashOf(changed)).not.toBe(h);
        const placeholder = recs.map((x, j) => (j === i ? { ...x, a: x.a.map((v, k) => (k >= arity ? v + 1 : v)) } : x));
        expect(hashOf(placeholder)).toBe(h);
        const moved = recs.map((x, j) => (j === i ? { ...x, t: x.t + 1 } : x));
        expect(hashOf(moved)).not.toBe(h);
        // Swapping two events of the same CPU with different content shows.
        const same = recs.map((x, j) => [x, j] as const).filter(([x]) => x.cpu === recs[i].cpu);
        if (same.length >= 2 && key(same[0][0]) !== key(same[1][0])) {
          const sw = [...recs];
          [sw[same[0][1]], sw[same[1][1]]] = [sw[same[1][1]], sw[same[0][1]]];
          expect(hashOf(sw)).not.toBe(h);
        }
        // Dropping one event shows.
        expect(hashOf(recs.filter((_, j) => j !== i))).not.toBe(h);
      }),
      { numRuns: 200 },
    );
  });

  it('rehashing decoded events reproduces the hash (the JSON Lines trace pins the run)', () => {
    const r = new TraceRecorder(true);
    r.emit(EV.map, 10, 0, 4096, 1, 0, 2);
    r.emit(EV.flush_start, 20, 1, 1, 1);
    r.emit(EV.rcache_insert, 30, 1, 0, 1);
    r.emit(EV.rcache_get, 40, 0, 0, 3);
    r.emit(EV.timer_done, 50, 1);
    r.flush();
    const json = r.events.map((e) => JSON.parse(JSON.stringify(e)) as TraceEvent);
    expect(rehash(json)).toBe(r.hash());
  });
});
