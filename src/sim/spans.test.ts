import { describe, expect, it } from 'vitest';
import { History } from './history.ts';
import { LOCK_RBTREE } from './locks.ts';
import { presetScenario } from './presets.ts';
import { runScenario } from './run.ts';
import type { Scenario } from './scenario.ts';
import { SpanRecorder } from './spans.ts';
import type { TraceEvent } from './trace.ts';
import type { Span } from './view.ts';

function small(patch: Partial<Scenario> = {}): Scenario {
  const s = presetScenario('default');
  s.cpus = 4;
  s.durationMs = 25;
  s.fqSize = 32;
  return Object.assign(s, patch);
}

function recorded(s: Scenario, windowNs = Infinity, maxSpans = Infinity) {
  const h = new History(s);
  const rec = new SpanRecorder(windowNs, maxSpans);
  h.attach(rec, rec);
  rec.reset(h.engine, 0);
  return { h, rec };
}

const key = (x: Span) => `${x.cpu}|${x.kind}|${x.t0}|${x.t1}|${x.open ? 1 : 0}`;
const sorted = (a: Span[]) => a.map(key).sort();
const total = (spans: Span[], kind: string) => spans.filter((x) => x.kind === kind).reduce((a, x) => a + x.t1 - x.t0, 0);

describe('SpanRecorder', () => {
  it('pairs the trace events into per-CPU spans', () => {
    const s = small();
    const { h, rec } = recorded(s);
    h.forwardTo(h.endNs);
    const spans = rec.spans();
    const events: TraceEvent[] = runScenario(s, { recordLimit: 1e7 }).trace.events;
    const n = (ev: string, f?: (e: TraceEvent) => boolean) => events.filter((e) => e.ev === ev && (!f || f(e))).length;
    const count = (kind: string) => spans.filter((x) => x.kind === kind && !x.open).length;
    expect(count('unmap')).toBe(n('fq_add'));
    expect(count('map')).toBe(n('map'));
    expect(count('flush_full')).toBe(n('flush_finish', (e) => e.reason === 'full'));
    expect(count('flush_timeout')).toBe(n('flush_finish', (e) => e.reason === 'timeout'));
    expect(count('flush_timeout')).toBeGreaterThan(0);
    expect(count('timeout')).toBe(n('timer_done'));
    expect(count('timer_arm')).toBe(n('timer_arm'));
    expect(count('timer_fire')).toBe(n('timer_fire'));
    // each flush span is a flush_start -> flush_finish pair on the same CPU
    const starts = events.filter((e) => e.ev === 'flush_start').map((e) => `${e.cpu}|${e.t}`);
    for (const x of spans.filter((y) => y.kind.startsWith('flush_'))) expect(starts).toContain(`${x.cpu}|${x.t0}`);
    for (const x of spans) expect(x.t1).toBeGreaterThanOrEqual(x.t0);
    // the whole spin on ring locks is there, CPU by CPU
    expect(total(spans, 'ring_lock_wait')).toBe(h.engine.ringLocks.waitTotalNs);
    expect(h.engine.ringLocks.waitTotalNs).toBeGreaterThan(0);
  }, 60_000); // records a whole run: explicit timeout for a busy machine

  it('strict unmaps end at their iotlb_sync; rbtree lock waits add up to the lock total', () => {
    const s = small({ mode: 'strict', cpus: 8, workload: { ...presetScenario('default').workload, sizes: [{ pages: 64, weight: 1 }] } });
    const { h, rec } = recorded(s);
    h.forwardTo(5_000_000);
    const spans = rec.spans();
    const wait = h.engine.locks.waitNs[LOCK_RBTREE];
    expect(wait).toBeGreaterThan(0);
    expect(total(spans, 'rbtree_lock_wait')).toBe(wait);
    expect(spans.filter((x) => x.kind === 'unmap').length).toBeGreaterThan(100);
    expect(spans.some((x) => x.kind.startsWith('flush'))).toBe(false);
  });

  it('truncating to an earlier position gives exactly what recording up to it gives', () => {
    const s = small();
    const a = recorded(s);
    for (let k = 0; k < 9000; k++) a.h.stepOnce();
    const b = recorded(s);
    for (let k = 0; k < 6100; k++) b.h.stepOnce();
    a.h.attach(null, null);
    a.h.goTo(6100);
    a.h.attach(a.rec, a.rec);
    a.rec.truncate(a.h.engine, 6100, a.h.moment);
    b.rec.setMoment(b.h.moment);
    expect(a.h.moment).toBe(b.h.moment);
    expect(sorted(a.rec.spans())).toEqual(sorted(b.rec.spans()));
    expect(a.rec.spans().some((x) => x.open)).toBe(true);
    // and recording on from there continues identically
    for (let k = 0; k < 2000; k++) {
      a.h.stepOnce();
      b.h.stepOnce();
    }
    expect(sorted(a.rec.spans())).toEqual(sorted(b.rec.spans()));
  }, 60_000); // two recorded runs: explicit timeout for a busy machine

  it('keeps a bounded window behind the moment, and deltas add up to the whole', () => {
    const s = small();
    const { h, rec } = recorded(s, 2_000_000, 3000);
    const got = new Map<string, Span>();
    for (let t = 1_000_000; t <= 20_000_000; t += 1_000_000) {
      h.forwardTo(t);
      rec.setMoment(h.moment);
      const d = rec.delta();
      if (d.reset) got.clear();
      for (const x of d.add) got.set(key(x), x);
      for (const [k, x] of got) if (x.t1 < d.window[0]) got.delete(k);
      expect(d.window[1]).toBe(t);
      expect(d.window[0]).toBeGreaterThanOrEqual(t - 2_000_000);
      const held = rec.spans().filter((x) => !x.open);
      expect(held.length).toBeLessThanOrEqual(3000 * 2);
      expect([...got.keys()].sort()).toEqual(sorted(held));
      // an open span's end is the moment (a CPU's job can emit a little ahead of the clock)
      for (const x of d.open) expect(x.t1).toBe(Math.max(x.t0, t));
    }
  }, 60_000); // records a whole run: explicit timeout for a busy machine

  it('accepts decoded events from a TraceRecorder listener', () => {
    const rec = new SpanRecorder(Infinity);
    rec.onEvent({ t: 5, ev: 'flush_start', cpu: 2, reason: 'timeout', start: 1 });
    rec.onEvent({ t: 9, ev: 'flush_finish', cpu: 2, reason: 'timeout', finish: 1 });
    rec.onEvent({ t: 11, ev: 'unmap', cpu: 1, pfn: 4, pages: 1 });
    rec.setMoment(12);
    expect(rec.spans()).toEqual([
      { cpu: 2, kind: 'flush_timeout', t0: 5, t1: 9 },
      { cpu: 1, kind: 'unmap', t0: 11, t1: 12, open: true },
    ]);
  });
});
