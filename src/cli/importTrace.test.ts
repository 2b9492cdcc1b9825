// --import: the file is streamed, refused over the size limit before it is read, a file with no
// usable event is one message; the process exits 0 with the report on stderr, or 2.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBundle } from '../import/bundle.ts';
import { exampleScenario } from '../import/fromModel.ts';
import { toImported } from '../import/imported.ts';
import { importText } from '../import/importer.ts';
import { FTRACE_IOMMU, FTRACE_IOMMU_OLD, TRACECMD_DMA } from '../import/samples.ts';
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
    const { loaded, error } = await loadTrace(file('a.txt', TRACECMD_DMA));
    expect(error).toBeUndefined();
    const trace = loaded!.trace;
    expect(trace.replay.mapNs).toHaveLength(5);
    expect(trace.pairing.paired).toBe(3);
    expect(Array.from(trace.replay.latencyNs)).toEqual([59000, 65000, 100000, -1, -1]);
  });
  it('refuses a missing file, a folder, a file over the limit (before reading), and a file with no usable event', async () => {
    expect((await loadTrace(join(dir, 'nope.txt'))).error).toBe(`--import: cannot read ${JSON.stringify(join(dir, 'nope.txt'))}: no such file`);
    expect((await loadTrace(dir)).error).toMatch(/is a folder, not a trace file$/);
    expect((await loadTrace(file('big.txt', FTRACE_IOMMU), { maxBytes: 100 })).error).toMatch(/MiB; the limit is .* MiB/);
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
  it('--device keeps one device; an unknown device is one message listing the trace\'s devices', async () => {
    const p = file('devs.txt', FTRACE_IOMMU_OLD + TRACECMD_DMA);
    const all = (await loadTrace(p)).loaded!.trace;
    const names = Object.keys(all.report.devices);
    expect(names.length).toBeGreaterThan(1);
    const one = (await loadTrace(p, { device: names[0] })).loaded!.trace;
    expect(one.device).toBe(names[0]);
    expect(one.replay.mapNs.length).toBeLessThan(all.replay.mapNs.length);
    expect((await loadTrace(p, { device: 'nvme9' })).error).toBe(`--device: device "nvme9" has no map/unmap events in ${JSON.stringify(p)}; its devices: ${names.join(', ')}`);
    expect(parseArgs(['--device', 'x']).errors).toEqual(['--device: only with --import']);
    expect(parseArgs(['--import', 't.txt', '--device', 'x']).args.device).toBe('x');
  });
  it('reads a .fqlab.json bundle with its scenario; a bad bundle is one message naming the field', async () => {
    const trace = toImported('t.txt', null, importText(FTRACE_IOMMU));
    const scenario = replayScenario({ ...exampleScenario(), mode: 'strict' }, trace, false).scenario;
    const good = await loadTrace(file('b.fqlab.json', encodeBundle({ scenario, trace })));
    expect(good.loaded!.scenario).toEqual(scenario);
    expect(good.loaded!.trace).toEqual(trace);
    const j = JSON.parse(encodeBundle({ scenario, trace }));
    j.version = 9;
    const p = file('bad.fqlab.json', JSON.stringify(j));
    expect((await loadTrace(p)).error).toBe(`--import: ${JSON.stringify(p)} is not a usable .fqlab.json bundle: version 9 is not supported (this lab reads version 1)`);
    expect((await loadTrace(file('c.fqlab.json', encodeBundle({ scenario, trace })), { device: 'nvme0' })).error).toMatch(/^--device: the bundle .* was made with all devices/);
  });
});
