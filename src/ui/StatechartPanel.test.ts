// The statechart panel's mapping from the live snapshot to machine states: every engine phase a CPU
// can park in names a state of the machine that owns it, and the timer's state follows the view.

import { describe, expect, it } from 'vitest';
import { Engine } from '../sim/engine.ts';
import { PHASE_NAMES } from '../sim/phases.ts';
import { presetScenario } from '../sim/presets.ts';
import { TraceRecorder } from '../sim/trace.ts';
import { engineView } from '../sim/viewOf.ts';
import { cpuState, stateOfPhase, timerState } from './StatechartPanel.tsx';

describe('statechart panel mapping', () => {
  it('every non-idle engine phase is a state of cpuFlushQueue or flushTimer', () => {
    for (const p of PHASE_NAMES) {
      if (p === 'idle') continue;
      const owner = p.startsWith('fq_flush_timeout') ? 'flushTimer' : 'cpuFlushQueue';
      expect({ p, state: stateOfPhase(owner, p) }).not.toEqual({ p, state: null });
    }
  });

  it('follows a real run: CPU states and the timer change as the engine steps', () => {
    const s = presetScenario('tiny-lazy');
    const e = new Engine(s, { trace: new TraceRecorder(false, 0) });
    const cpu = new Set<string>();
    const timer = new Set<string>();
    for (let i = 0; i < 20_000 && e.step(); i++) {
      const v = engineView(e);
      cpu.add(cpuState(v, 0));
      timer.add(timerState(v).id);
    }
    expect(cpu.has('idle')).toBe(true);
    expect(cpu.has('__iommu_dma_unmap.queue_iova.spin_lock') || cpu.has('__iommu_dma_unmap.queue_iova.smp_mb')).toBe(true);
    expect(cpu.has('fq_flush_timeout')).toBe(true);
    expect(timer.has('armed')).toBe(true);
    expect([...timer].some((t) => t.startsWith('firing'))).toBe(true);
  }, 30_000); // steps a real engine: explicit timeout for a busy machine

  it('no view: idle CPU, disarmed timer', () => {
    expect(cpuState(null, 0)).toBe('idle');
    expect(timerState(null)).toEqual({ id: 'disarmed', note: '' });
  });
});
