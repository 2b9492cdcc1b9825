// Trace import speed (issue 17; docs/benchmarks.md "Trace import"): writes a 1 M-line ftrace text
// (iommu map/unmap in the v5.17+ form, 16 CPUs, ~10% other events), then times the CLI's path:
// readline stream + parse + pairing (loadTrace), and the engine replay of the result.
// Usage: npx tsx bench/import.ts [LINES]   (prints one line per figure)

import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadTrace, replayScenario } from '../src/cli/importTrace.ts';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';

const LINES = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'fqlab-bench-import-'));
const path = join(dir, 'trace.txt');
const hex16 = (v: number): string => v.toString(16).padStart(16, '0');
const stamp = (ns: number): string => `${1000 + Math.floor(ns / 1e9)}.${String(Math.floor((ns % 1e9) / 1000)).padStart(6, '0')}`;

async function write(): Promise<void> {
  const out = createWriteStream(path);
  let buf: string[] = [];
  const live: [number, number, number][] = [];
  let next = 0xfff00000;
  for (let n = 0, t = 0; n < LINES; n++, t += 700) {
    const cpu = n % 16;
    let l: string;
    if (n % 10 === 9) l = `kworker/${cpu}:1-${300 + cpu} [${String(cpu).padStart(3, '0')}] d..2. ${stamp(t)}: sched_switch: prev_comm=kworker prev_pid=300 prev_prio=120 prev_state=I ==> next_comm=swapper next_pid=0 next_prio=120`;
    else if (live.length > 64 || (live.length > 0 && n % 2 === 1)) {
      const [iova, size] = live.shift()!;
      l = `<idle>-0 [${String((cpu + 3) % 16).padStart(3, '0')}] d.h1. ${stamp(t)}: unmap: IOMMU: iova=0x${hex16(iova)} - 0x${hex16(iova + size)} size=${size} unmapped_size=${size}`;
    } else {
      const size = 4096 << n % 4;
      next -= size;
      if (next < 0x10000000) next = 0xfff00000;
      live.push([next, size, cpu]);
      l = `fio-${4000 + cpu} [${String(cpu).padStart(3, '0')}] d..1. ${stamp(t)}: map: IOMMU: iova=0x${hex16(next)} - 0x${hex16(next + size)} paddr=0x${hex16(0x100000000 + n * 4096)} size=${size}`;
    }
    buf.push(l);
    if (buf.length === 10000) {
      if (!out.write(buf.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', r));
      buf = [];
    }
  }
  out.end(buf.join('\n') + (buf.length ? '\n' : ''));
  await new Promise<void>((r) => out.on('finish', r));
}

await write();
const mib = statSync(path).size / 2 ** 20;
const c0 = process.cpuUsage();
const t0 = performance.now();
const { loaded, error } = await loadTrace(path);
const trace = loaded?.trace;
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
const cpuMs = (c1.user + c1.system) / 1000;
if (!trace) throw new Error(error);
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
const { scenario } = replayScenario({ ...presetScenario('default'), mode: 'lazy' }, trace, false);
const t2 = performance.now();
const c2 = process.cpuUsage();
const { summary } = runScenario(scenario, { replay: trace.replay });
const c3 = process.cpuUsage(c2);
const t3 = performance.now();
rmSync(dir, { recursive: true, force: true });
console.log(`lines ${LINES}, file ${mib.toFixed(1)} MiB`);
console.log(`import (stream + parse + pair): ${(t1 - t0).toFixed(0)} ms, ${((LINES / (t1 - t0)) * 1000 / 1e6).toFixed(2)} M lines/s wall; CPU ${cpuMs.toFixed(0)} ms (${((LINES / cpuMs) * 1000 / 1e6).toFixed(2)} M lines per CPU-second; the machine is shared, CPU time is the steadier figure); heap after ${heapMiB.toFixed(0)} MiB`);
console.log(`replay: ${trace.replay.mapNs.length} I/Os, ${summary.ios} completed, ${scenario.durationMs} simulated ms in ${(t3 - t2).toFixed(0)} ms wall, ${((c3.user + c3.system) / 1000).toFixed(0)} ms CPU`);
