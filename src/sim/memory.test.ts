// The page's memory estimate (memory.ts): its constants against the engine's own checkpoint bytes,
// and the refusal it gives (named keys, the estimate, the limit).

import { describe, expect, it } from 'vitest';
import { History } from './history.ts';
import { estimateMemory, memoryRefusal, PAGE_MEMORY_LIMIT } from './memory.ts';
import { presetScenario } from './presets.ts';
import type { Scenario } from './scenario.ts';

function scenario(cpus: number, fqSize: number, mode: Scenario['mode'] = 'lazy'): Scenario {
  const s = presetScenario('default');
  s.cpus = cpus;
  s.fqSize = fqSize;
  s.mode = mode;
  s.durationMs = 0.001;
  return s;
}

describe('page memory estimate', { timeout: 60_000 }, () => {
  it('matches the engine: a fresh History checkpoint (rings empty) is the estimate without held IOVAs, within 10 %', () => {
    for (const [cpus, fq] of [
      [4, 256],
      [64, 4096],
      [256, 1024],
    ]) {
      const s = scenario(cpus, fq, 'strict');
      const measured = new History(s).checkpointBytes;
      const est = estimateMemory(s).engineBytes;
      expect(Math.abs(est - measured) / measured, `${cpus} CPUs × ${fq}`).toBeLessThan(0.1);
    }
  });

  it('refuses 512 CPUs × 65536 slots up front, naming both keys, the estimate and the limit', () => {
    const s = scenario(512, 65536);
    const e = estimateMemory(s);
    expect(e.ringSlots).toBe(512 * 65536);
    expect(e.peakBytes).toBeGreaterThan(PAGE_MEMORY_LIMIT);
    expect(memoryRefusal(s)).toBe(
      "fq × cpus: 512 rings of 65536 slots would need an estimated 10.3 GiB (2.1 GiB per engine state, kept live and as checkpoints), over the page's 1.0 GiB; not run: lower fq or cpus",
    );
  });

  it('lets through what fits: the presets, 512 CPUs × 4096, 32 CPUs × 65536, one 65536-slot ring', () => {
    expect(memoryRefusal(scenario(512, 256))).toBe(null);
    expect(memoryRefusal(scenario(512, 4096))).toBe(null);
    expect(memoryRefusal(scenario(512, 8192))).not.toBe(null);
    expect(memoryRefusal(scenario(32, 65536))).toBe(null);
    expect(memoryRefusal(scenario(64, 65536))).not.toBe(null);
    // strict mode never fills the rings: only their arrays count
    expect(memoryRefusal(scenario(512, 8192, 'strict'))).toBe(null);
    const single = scenario(512, 65536);
    single.kernel = '6.12';
    single.queue = 'single';
    expect(memoryRefusal(single)).toBe(null);
    for (const p of ['default', 'timeout-flood', 'single-queue', 'tiny-lazy']) expect(memoryRefusal(presetScenario(p)), p).toBe(null);
  });
});
