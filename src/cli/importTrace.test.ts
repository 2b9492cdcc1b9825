// --import: the file is streamed, refused over the size limit before it is read, a file with no
// usable event is one message; the process exits 0 with the report on stderr, or 2.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FTRACE_IOMMU, TRACECMD_DMA } from '../import/samples.ts';
import { presetScenario } from '../sim/presets.ts';
import { parseArgs } from './args.ts';
import { loadTrace, replayScenario } from './importTrace.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fqlab-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('--import', () => {
  it('loads a trace and pairs it', async () => {
    const { trace, error } = await loadTrace(file('a.txt', TRACECMD_DMA));
    expect(error).toBeUndefined();
    expect(trace!.workload.ios).toHaveLength(5);
    expect(trace!.pairing.paired).toBe(3);
    expect(Array.from(trace!.replay.latencyNs)).toEqual([59000, 65000, 100000, -1, -1]);
  });
  it('refuses a missing file, a folder, a file over the limit (before reading), and a file with no usable event', async () => {
    expect((await loadTrace(join(dir, 'nope.txt'))).error).toBe(`--import: cannot read ${JSON.stringify(join(dir, 'nope.txt'))}: no such file`);
    expect((await loadTrace(dir)).error).toMatch(/is a folder, not a trace file$/);
    expect((await loadTrace(file('big.txt', FTRACE_IOMMU), 100)).error).toMatch(/MiB; the limit is .* MiB/);
    expect((await loadTrace(file('none.txt', 'PK\u0003\u0004 not a trace\n# tracer: nop\n'))).error).toMatch(/holds no iommu map\/unmap or dma map\/unmap events \(2 lines, 1 not trace lines\)/);
  });
  it('gives the scenario the trace CPUs and length plus one FQ timeout, unless a duration was given', () => {
    const s = { ...presetScenario('default'), cpus: 2 };
    const w = { cpus: 6, durationNs: 2_500_000, ios: [] };
    const r = replayScenario(s, w, false);
    expect([r.scenario.cpus, r.scenario.durationMs]).toEqual([6, Math.ceil(2.5 + 10 + 1)]);
    expect(r.notes).toEqual(['replay: cpus 2 -> 6 (the trace uses CPUs up to 5)']);
    expect(replayScenario(s, w, true).scenario.durationMs).toBe(s.durationMs);
  });
  it('refuses --import naming the same file as an output', () => {
    expect(parseArgs(['--import', 't.txt', '--trace', 't.txt']).errors).toEqual(['--import and --trace: both name "t.txt"; the run would overwrite the trace it reads']);
  });
  it('runs: exit 0 with the report on stderr and one JSON line on stdout; exit 2 with one line for a non-trace', () => {
    const ok = spawnSync('npx', ['tsx', 'src/cli/main.ts', '--import', file('b.txt', FTRACE_IOMMU), '--scenario', 'v=3&mode=lazy'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('import: 18 lines: 4 used, 14 skipped, 0 rejected');
    expect(ok.stderr).toContain('skipped  1\tiommu:io_page_fault (not a map or unmap)');
    const summary = JSON.parse(ok.stdout);
    expect([summary.scenario, summary.mode, summary.ios]).toEqual(['import:b.txt', 'lazy', 1]);
    const bad = spawnSync('npx', ['tsx', 'src/cli/main.ts', '--import', file('c.txt', 'hello\n')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    // The bad import is refused before the output files are opened: what they held is kept.
    const kept = file('kept.csv', 'earlier metrics\n');
    const again = spawnSync('npx', ['tsx', 'src/cli/main.ts', '--import', file('d.txt', 'hello\n'), '--metrics', kept], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(2);
    expect(readFileSync(kept, 'utf8')).toBe('earlier metrics\n');
  }, 120_000);
});
