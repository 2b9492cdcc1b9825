// A model run's map / unmap events written as the kernel would print them (ftrace text, iommu
// trace system, the range form of 94aedac49d92): the example trace the docs and tests import, and
// a round trip that checks the replay against the run it came from.

import { applyOverrides } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '../sim/scenario.ts';
import type { TraceEvent } from '../sim/trace.ts';

/** The run behind public/examples/lazy-4cpu.trace.txt: 4 CPUs, lazy, 1 ms, completions on the next CPU. */
export const exampleScenario = (): Scenario =>
  applyOverrides(cloneScenario(DEFAULT_SCENARIO), { kernel: '6.5', pci: false, mode: 'lazy', cpus: 4, fqSize: 16, durationMs: 1, workload: { qd: 4, completion: 'next' } });

/** The example trace's text (regenerate the file: npx tsx -e "…writeFileSync(path, exampleTrace())"). */
export const exampleTrace = (): string => ftraceFromEvents(runScenario(exampleScenario(), { recordLimit: 1_000_000 }).trace.events);

const hex16 = (v: number): string => `0x${v.toString(16).padStart(16, '0')}`;

/** "secs.usecs" of t ns after `baseSecs` (ftrace's default microsecond clock output). */
function stamp(baseSecs: number, t: number): string {
  const us = Math.floor(t / 1000);
  return `${baseSecs + Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
}

/**
 * ftrace text of the map and unmap events of `events` (in time order, as the recorder gives them).
 * Maps run in the submitting task ("fio"), unmaps in the completion interrupt ("<idle>"), flags as
 * the kernel would show them (irqs off, in hardirq for the unmap).
 */
export function ftraceFromEvents(events: readonly TraceEvent[], granuleKiB = 4, baseSecs = 100): string {
  const g = granuleKiB * 1024;
  const out = ['# tracer: nop', '#', '#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION', '#              | |         |   |||||     |         |'];
  for (const e of events) {
    if (e.ev !== 'map' && e.ev !== 'unmap') continue;
    const iova = (e.pfn as number) * g;
    const size = (e.pages as number) * g;
    const cpu = String(e.cpu).padStart(3, '0');
    const at = stamp(baseSecs, e.t);
    out.push(
      e.ev === 'map'
        ? `             fio-${1000 + e.cpu}    [${cpu}] d..1. ${at}: map: IOMMU: iova=${hex16(iova)} - ${hex16(iova + size)} paddr=${hex16(0x100000000 + iova)} size=${size}`
        : `          <idle>-0       [${cpu}] d.h1. ${at}: unmap: IOMMU: iova=${hex16(iova)} - ${hex16(iova + size)} size=${size} unmapped_size=${size}`,
    );
  }
  return out.join('\n') + '\n';
}
