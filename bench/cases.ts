// Benchmark cases: simulated DMA operations (one map + one unmap = one I/O) per wall-clock second.
// Run through bench/run.mjs, which bundles this file with esbuild and runs each case in a fresh
// Node process on one core (the engine is single-threaded).

import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import type { Scenario } from '../src/sim/scenario.ts';

export interface BenchCase {
  name: string;
  scenario: () => Scenario;
}

const base = (mode: Scenario['mode'], cpus: number, durationMs: number): Scenario => {
  const s = presetScenario('default');
  s.mode = mode;
  s.cpus = cpus;
  s.durationMs = durationMs;
  return s;
};

export const CASES: BenchCase[] = [
  { name: 'lazy-16cpu', scenario: () => base('lazy', 16, 500) },
  { name: 'strict-16cpu', scenario: () => base('strict', 16, 1000) },
  { name: 'lazy-128cpu', scenario: () => base('lazy', 128, 100) },
];

function main(): void {
  const name = process.argv[2];
  const c = CASES.find((x) => x.name === name);
  if (!c) {
    console.error(`unknown case ${name}; cases: ${CASES.map((x) => x.name).join(', ')}`);
    process.exit(2);
  }
  const s = c.scenario();
  const t0 = performance.now();
  const { summary } = runScenario(s);
  const wallMs = performance.now() - t0;
  const out = {
    case: c.name,
    simulatedMs: summary.simulatedMs,
    ios: summary.ios,
    events: summary.events,
    wallMs: Math.round(wallMs),
    opsPerSec: Math.round(summary.ios / (wallMs / 1000)),
    traceEventsPerSec: Math.round(summary.events / (wallMs / 1000)),
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
    traceHash: summary.traceHash,
  };
  console.log(JSON.stringify(out));
}

if (process.argv[1]?.endsWith('bench.mjs')) main();
