import { describe, expect, it } from 'vitest';
import { Engine } from '../sim/engine.ts';
import { presetScenario } from '../sim/presets.ts';
import { TraceRecorder } from '../sim/trace.ts';
import type { Marker } from '../sim/view.ts';
import { watchdogMarkers, withWatchdog } from './watchdogMarkers.ts';

describe('lockup markers for the page', () => {
  it('reads closed and open sections from the engine, merged in time order with the others', () => {
    const s = presetScenario('default');
    s.cpus = 4;
    const e = new Engine(s, { trace: new TraceRecorder() });
    e.obs.watchdog.irqOffSection(2, 1e9, 13e9); // 12 s with IRQs off: hard at 11 s
    e.ringLocks.acquire(1, 1, 0); // CPU 1 takes its ring lock at 0 and still holds it
    e.now = 15e9; // 15 s: CPU 1 has had IRQs off 15 s (hard at 10 s)
    const w = watchdogMarkers(e);
    expect(w).toEqual([
      { t: 10e9, kind: 'hard_lockup', cpu: 1 },
      { t: 11e9, kind: 'hard_lockup', cpu: 2 },
    ]);
    const others: Marker[] = [
      { t: 5e9, kind: 'timer_fire', cpu: 0 },
      { t: 10e9, kind: 'intervention', cpu: -1 },
      { t: 12e9, kind: 'cliff', cpu: -1 },
    ];
    expect(withWatchdog(others, w).map((m) => m.kind)).toEqual(['timer_fire', 'intervention', 'hard_lockup', 'hard_lockup', 'cliff']);
    expect(withWatchdog(others, [])).toBe(others);
  });
});
