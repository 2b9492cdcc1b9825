// The CPU step table (src/sim/phases.ts CPU_STEPS) is what the machines are built from: every step
// the engine can park a CPU in has exactly one machine state tagged with its name, and that state's
// `resume` transition runs the step function the table names (the engine's own function).

import { describe, expect, it } from 'vitest';
import { CPU_STEPS, PH_IDLE } from '../sim/phases.ts';
import { machineGraph, type MachineName } from './graph.ts';

const MACHINES: MachineName[] = ['cpuFlushQueue', 'flushTimer'];

describe('the CPU step table and the machines', () => {
  const graphs = MACHINES.map((m) => machineGraph(m));

  it.each(CPU_STEPS.map((x, phase) => [x.name, phase] as const).filter(([, p]) => p !== PH_IDLE))('%s: one tagged state whose resume runs the table step', (name, phase) => {
    const step = CPU_STEPS[phase];
    const states = graphs.flatMap((g) => g.states.filter((s) => s.phase === name).map((s) => ({ g, s })));
    expect(states.length, `states tagged ${name}`).toBe(1);
    const { g, s } = states[0];
    const resumes = g.transitions.filter((t) => t.source === s.id && t.event === 'resume');
    expect(resumes.length, `resume transitions out of ${s.id}`).toBeGreaterThan(0);
    for (const t of resumes) expect(t.actions, `${s.id} resume`).toContain(step.resume);
  });

  it('no machine state carries a tag that is not a step of the table', () => {
    const names = new Set<string>(CPU_STEPS.map((x) => x.name));
    for (const g of graphs) for (const s of g.states) if (s.phase !== null) expect(names.has(s.phase), s.id).toBe(true);
  });
});
