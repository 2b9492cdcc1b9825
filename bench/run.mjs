#!/usr/bin/env node
// `npm run bench`: bundles bench/cases.ts with esbuild (so Node runs the same optimised JS the
// browser does, without a TypeScript loader in the loop), then runs every case N times, each in a
// fresh Node process pinned to one core (taskset, where there is one: the JIT and GC threads share
// that core too), and prints min / median / max of simulated ops per wall-second.
// Usage: npm run bench [-- --runs N] [-- CASE ...]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';

const argv = process.argv.slice(2);
let runs = 3;
const only = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else only.push(argv[i]);
}
mkdirSync('node_modules/.cache/lab-bench', { recursive: true });
const outfile = 'node_modules/.cache/lab-bench/bench.mjs';
await build({ entryPoints: ['bench/cases.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
const { CASES } = await import(`../${outfile}?${Date.now()}`);
const cases = CASES.map((c) => c.name).filter((n) => only.length === 0 || only.includes(n));

let pin = [];
try {
  execFileSync('taskset', ['-c', '0', 'true']);
  pin = ['taskset', '-c', '0'];
} catch {
  // no taskset: the process may also use other cores for JIT and GC
}
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, node ${process.version}, ${runs} runs per case, ${pin.length ? 'pinned to CPU 0' : 'not pinned'}`,
);
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const name of cases) {
  const res = [];
  const cmd = [...pin, process.execPath, outfile, name];
  for (let i = 0; i < runs; i++) res.push(JSON.parse(execFileSync(cmd[0], cmd.slice(1), { encoding: 'utf8' })));
  const ops = res.map((r) => r.opsPerSec);
  const r0 = res[0];
  console.log(
    `${name.padEnd(14)} ops/s min ${fmt(Math.min(...ops))} median ${fmt(med(ops))} max ${fmt(Math.max(...ops))}` +
      ` (per process CPU-second: median ${fmt(med(res.map((r) => r.opsPerCpuSec)))})` +
      `  | ${r0.ios} I/Os in ${r0.simulatedMs} simulated ms, wall median ${med(res.map((r) => r.wallMs))} ms, ` +
      `${fmt(med(res.map((r) => r.traceEventsPerSec)))} trace events/s, heap ${r0.heapMB} MB, hash ${r0.traceHash}`,
  );
}
function fmt(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : String(n);
}
