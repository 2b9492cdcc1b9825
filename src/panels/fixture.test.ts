import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { PH_IDLE, PH_Q_LOCK } from '../sim/phases.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { runFixture, SpanRecorder } from './fixture.ts';

const ev = (t: number, name: TraceEvent['ev'], cpu: number, f: Record<string, number | string> = {}): TraceEvent => ({ t, ev: name, cpu, ...f });

describe('fixture spans', () => {
  it('turns trace events into spans and instants', () => {
    const r = new SpanRecorder(0);
    r.event(ev(10, 'unmap', 1));
    r.event(ev(15, 'flush_start', 1, { reason: 'full', start: 1 }));
    r.event(ev(40, 'flush_finish', 1, { reason: 'full', finish: 1 }));
    r.event(ev(45, 'fq_add', 1));
    r.event(ev(50, 'timer_arm', 1, { expires: 1000 }));
    r.event(ev(1000, 'timer_fire', 1));
    r.event(ev(1200, 'timer_done', 1));
    expect(r.spans).toEqual([
      { cpu: 1, kind: 'flush_full', t0: 15, t1: 40 },
      { cpu: 1, kind: 'unmap', t0: 10, t1: 45 },
      { cpu: 1, kind: 'timer_arm', t0: 50, t1: 50 },
      { cpu: 1, kind: 'timer_fire', t0: 1000, t1: 1000 },
      { cpu: 1, kind: 'timeout', t0: 1000, t1: 1200 },
    ]);
  });

  it('records ring-lock waits from phases, keeps only spans ending in the window, closes open ones', () => {
    const r = new SpanRecorder(100);
    const ph = new Int32Array(2);
    ph[0] = PH_Q_LOCK;
    r.phases(ph, 50);
    ph[0] = PH_IDLE;
    r.phases(ph, 90); // ends before the window: dropped
    ph[1] = PH_Q_LOCK;
    r.phases(ph, 120);
    expect(r.spans).toEqual([]);
    expect(r.openSpans(130)).toEqual([{ cpu: 1, kind: 'ring_lock_wait', t0: 120, t1: 130 }]);
  });

  it('a fixture run is deterministic and its view is at the moment asked for', () => {
    const s = presetScenario('tiny-lazy');
    const a = runFixture(s, 5e6, 1e6);
    const b = runFixture(s, 5e6, 1e6);
    expect(a.view.t).toBe(5e6);
    expect(a.spanWindow).toEqual([4e6, 5e6]);
    expect(a.spans).toEqual(b.spans);
    expect(Array.from(a.view.slotState)).toEqual(Array.from(b.view.slotState));
    expect(a.spans.length).toBeGreaterThan(0);
    expect(a.series.ios.length).toBe(s.durationMs);
  });
});
