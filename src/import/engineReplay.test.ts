// The engine driven by an imported trace (sim/replay/feed.ts): each trace I/O maps on its CPU at
// its time, is unmapped on the CPU that unmapped it after the trace's latency, and the rest is the
// model's (mode, kernel, FQ) — so strict and lazy differ on the very same traffic.

import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/run.ts';
import { checkTraceInvariants } from '../sim/testing/traceInvariants.ts';
import { smallScenario } from '../sim/testing/scenarios.ts';
import { importText } from './importer.ts';
import { buildReplay, toReplayInput } from './replay.ts';

const ts = (ns: number): string => `${100 + Math.floor(ns / 1e9)}.${String(Math.floor((ns % 1e9) / 1000)).padStart(6, '0')}`;

/** 40 I/Os: maps on CPUs 0..3 every 10 us, each unmapped 25 us later on CPU (cpu + 1) % 4. */
function trace(): string {
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    const iova = 0xfff00000 + i * 0x4000;
    const cpu = i % 4;
    out.push(`fio-1 [00${cpu}] d..1. ${ts(i * 10000)}: map: IOMMU: iova=0x${iova.toString(16).padStart(16, '0')} paddr=0x0000000100000000 size=${4096 * (1 + (i % 3))}`);
    out.push(`<idle>-0 [00${(cpu + 1) % 4}] d.h1. ${ts(i * 10000 + 25000)}: unmap: IOMMU: iova=0x${iova.toString(16).padStart(16, '0')} size=${4096 * (1 + (i % 3))} unmapped_size=${4096 * (1 + (i % 3))}`);
  }
  return out.join('\n');
}

function run(mode: 'lazy' | 'strict') {
  const { workload } = buildReplay(importText(trace()).ops);
  const s = smallScenario({ mode, cpus: 4, durationMs: 15 }); // past the 10 ms FQ timeout
  return { s, ...runScenario(s, { replay: toReplayInput(workload), recordLimit: 100000 }) };
}

describe('engine replay', () => {
  it('maps each trace I/O on its CPU at its time and unmaps it where the trace did', { timeout: 30000 }, () => {
    const { s, summary, trace: rec } = run('lazy');
    expect(summary.ios).toBe(40);
    const maps = rec.events.filter((e) => e.ev === 'map');
    const unmaps = rec.events.filter((e) => e.ev === 'unmap');
    expect(maps).toHaveLength(40);
    expect(unmaps).toHaveLength(40);
    expect(maps.map((e) => e.cpu)).toEqual(Array.from({ length: 40 }, (_, i) => i % 4));
    // The model's map starts at the trace's time (plus its own submit cost), in order.
    maps.forEach((e, i) => expect(e.t).toBeGreaterThanOrEqual(i * 10000));
    expect(maps.map((e) => e.pages)).toEqual(Array.from({ length: 40 }, (_, i) => 1 + (i % 3)));
    expect(unmaps.map((e) => e.cpu)).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) % 4));
    expect(checkTraceInvariants(rec.events, s, { flushCoverage: false, timeConsistency: false })).toEqual([]);
    // Lazy: unmaps queue and the FQ timer retires them; strict: every unmap syncs at once.
    expect(summary.flushes.timeout).toBeGreaterThan(0);
    const strict = run('strict');
    expect(strict.summary.ios).toBe(40);
    expect(strict.summary.flushes).toEqual({ full: 0, timeout: 0 });
    expect(strict.summary.unmapLatencyNs.mean).toBeGreaterThan(summary.unmapLatencyNs.mean);
  });
  it('is deterministic, and an I/O never unmapped in the trace stays mapped', { timeout: 30000 }, () => {
    expect(run('lazy').summary.traceHash).toBe(run('lazy').summary.traceHash);
    const { workload } = buildReplay(importText('a-1 [001] 1.000000: map: IOMMU: iova=0x1000 paddr=0x0 size=4096').ops);
    const r = runScenario(smallScenario({ cpus: 2, durationMs: 1 }), { replay: toReplayInput(workload), recordLimit: 1000 });
    expect(r.trace.events.filter((e) => e.ev === 'map').map((e) => e.cpu)).toEqual([1]);
    expect(r.summary.ios).toBe(0);
  });
});
