// Benchmark cases: simulated DMA operations (one map + one unmap = one I/O) per wall-clock second.
// Run through bench/run.mjs, which bundles this file with esbuild and runs each case in a fresh
// Node process on one core (the engine is single-threaded).

import { runScenarioWithActors } from '../src/machines/actorDriver.ts';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import type { Scenario } from '../src/sim/scenario.ts';

export interface BenchCase {
  name: string;
  scenario: () => Scenario;
  /** Run the control flow through the XState actors (src/machines/actorDriver.ts). */
  actors?: boolean;
}

const base = (mode: Scenario['mode'], cpus: number, durationMs: number): Scenario => {
  const s = presetScenario('default');
  s.mode = mode;
  s.cpus = cpus;
  s.durationMs = durationMs;
  return s;
};

const cliff16 = (durationMs: number): Scenario => {
  const s = presetScenario('timeout-flood');
  s.cpus = 16;
  s.durationMs = durationMs;
  for (const x of s.interventions) if (x.kind === 'pause') x.cpus = x.cpus.filter((c) => c < s.cpus);
  return s;
};

export const CASES: BenchCase[] = [
  { name: 'lazy-16cpu', scenario: () => base('lazy', 16, 500) },
  { name: 'strict-16cpu', scenario: () => base('strict', 16, 1000) },
  { name: 'lazy-128cpu', scenario: () => base('lazy', 128, 100) },
  // Issue 3: the cliff preset fast-forwarded for 10 simulated seconds on 16 CPUs (its pause then
  // stops CPUs 1-15: every CPU but the timer's).
  { name: 'cliff-16cpu-10s', scenario: () => cliff16(10_000) },
  // Issue 4: the same 16-CPU lazy load for 20 ms, by the engine alone and through live actors.
  { name: 'lazy-16cpu-20ms', scenario: () => base('lazy', 16, 20) },
  { name: 'actors-16cpu-20ms', scenario: () => base('lazy', 16, 20), actors: true },
  { name: 'actors-strict-16cpu', scenario: () => base('strict', 16, 40), actors: true },
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
  const cpu0 = process.cpuUsage();
  const { summary } = (c.actors ? runScenarioWithActors : runScenario)(s);
  const wallMs = performance.now() - t0;
  // CPU time of this process: on a shared machine it is steadier than wall time (other processes
  // take the core away, not cycles from this one).
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const out = {
    case: c.name,
    simulatedMs: summary.simulatedMs,
    ios: summary.ios,
    events: summary.events,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(cpuMs),
    opsPerSec: Math.round(summary.ios / (wallMs / 1000)),
    opsPerCpuSec: Math.round(summary.ios / (cpuMs / 1000)),
    traceEventsPerSec: Math.round(summary.events / (wallMs / 1000)),
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
    traceHash: summary.traceHash,
  };
  console.log(JSON.stringify(out));
}

if (process.argv[1]?.endsWith('bench.mjs')) main();
