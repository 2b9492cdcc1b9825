// Trace import on the page (issue 17): the example trace in one click runs through the live
// worker and shows its report, with the trace hash Node computes for the same replay; a file with
// no usable event is one message and the run shown before stays; a .fqlab.json bundle downloaded
// from the page and opened again restores the same run (same trace hash). With LAB_IMPORT_LINES
// set (e.g. 1000000), a generated trace of that many lines is imported while a PerformanceObserver
// counts the page's long tasks (docs/benchmarks.md "Trace import on the page").

import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { toImported } from '../src/import/imported.ts';
import { importText } from '../src/import/importer.ts';
import { replayScenario } from '../src/import/replayScenario.ts';
import { DEFAULT_PRESET, presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';

failOnConsoleErrors();
failOnForeignRequests();

const EXAMPLE = readFileSync(new URL('../public/examples/lazy-4cpu.trace.txt', import.meta.url), 'utf8');

/** The hash Node gives the example replayed with the default scenario (as the page's import does). */
function exampleHash(): string {
  const t = toImported('lazy-4cpu.trace.txt', null, importText(EXAMPLE));
  const { scenario } = replayScenario({ ...presetScenario(DEFAULT_PRESET), interventions: [] }, t, false);
  return runScenario(scenario, { replay: t.replay }).summary.traceHash;
}

async function ready(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 60_000 });
}

/** The import buttons are in the scenario form (folded at first). */
async function tryExample(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Change the scenario ▾' });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('button', { name: 'Try an example trace' }).click();
}

test('example trace: one click imports it, shows the report, and runs it with the trace hash Node gives', async ({ page }) => {
  const hash = exampleHash();
  await page.goto('/');
  await ready(page);
  await tryExample(page);
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByRole('heading')).toHaveText('Replaying lazy-4cpu.trace.txt');
  await expect(page.getByTestId('import-summary')).toContainText(/lines: [\d,]+ used, 4 skipped, 0 rejected/);
  await expect(report.getByRole('table', { name: /Used, per event kind/ })).toContainText('iommu:map');
  await expect(page.getByTestId('trace-hash')).toHaveText(hash, { timeout: 60_000 });
  // The model's IOVAs beside the trace's, once the run is simulated.
  await expect(page.getByTestId('import-iovas').locator('tbody tr').first()).toContainText(/→ 0x[0-9a-f]+/, { timeout: 60_000 });
});

test('a file with no usable event: one message, and the run shown before stays', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const before = await page.getByTestId('trace-hash').textContent();
  const url = page.url();
  await page.getByTestId('import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\nthis is not a trace\n') });
  const alert = page.getByTestId('import-error');
  await expect(alert).toContainText('"notes.txt" holds no iommu map/unmap or dma map/unmap events (2 lines, 2 not trace lines)');
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  expect(page.url()).toBe(url);
  await expect(page.getByTestId('trace-hash')).toHaveText(before!);
  // A bad bundle: the message names the field.
  await page.getByTestId('import-file').setInputFiles({ name: 'x.fqlab.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"fqlab-trace-bundle","version":7}') });
  await expect(alert).toContainText('"x.fqlab.json" is not a usable .fqlab.json bundle: version 7 is not supported (this lab reads version 1)');
  await expect(page.getByTestId('trace-hash')).toHaveText(before!);
});

test('bundle round trip: download the .fqlab.json, open it again, the same trace hash', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'fqlab-e2e-bundle-'));
  try {
    await page.goto('/');
    await ready(page);
    await tryExample(page);
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
    await ready(page);
    const hash = exampleHash();
    await expect(page.getByTestId('trace-hash')).toHaveText(hash, { timeout: 60_000 });
    // Share offers the bundle when a trace is replayed (a link cannot hold it).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-bundle').click()]);
    expect(download.suggestedFilename()).toBe('lazy-4cpu.trace.fqlab.json');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    // Back to the scenario's own workload: another run, another hash.
    await page.getByRole('button', { name: /Stop replaying/ }).click();
    await expect(page.getByTestId('import-report')).toHaveCount(0);
    await expect(page.getByTestId('trace-hash')).not.toHaveText(hash, { timeout: 60_000 });
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('trace-hash')).toHaveText(hash, { timeout: 60_000 });
    writeFileSync(join(dir, 'ok'), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const TWO_DEVICES = `    fio-1   [000] d..1.   10.000001: map: IOMMU: iova=0x00000000ffff0000 - 0x00000000ffff1000 paddr=0x0000000200000000 size=4096 dev=0000:01:00.0
    fio-1   [000] d..1.   10.000002: map: IOMMU: iova=0x00000000fffe0000 - 0x00000000fffe2000 paddr=0x0000000200010000 size=8192 dev=0000:02:00.0
    fio-1   [001] d..1.   10.000003: map: IOMMU: iova=0x00000000fffd0000 - 0x00000000fffd1000 paddr=0x0000000200020000 size=4096 dev=0000:02:00.0
 <idle>-0   [001] d.h1.   10.000010: unmap: IOMMU: iova=0x00000000ffff0000 - 0x00000000ffff1000 size=4096 unmapped_size=4096 dev=0000:01:00.0
 <idle>-0   [001] d.h1.   10.000011: unmap: IOMMU: iova=0x00000000fffe0000 - 0x00000000fffe2000 size=8192 unmapped_size=8192 dev=0000:02:00.0
`;

test('device picker: all devices or one; the file is read again with the filter', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'two.txt', mimeType: 'text/plain', buffer: Buffer.from(TWO_DEVICES) });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('5 lines: 5 used, 0 skipped, 0 rejected. 3 I/Os');
  const picker = page.getByTestId('import-device');
  await expect(picker.locator('option')).toHaveText(['all devices', '0000:01:00.0 (2 events)', '0000:02:00.0 (3 events)']);
  await picker.selectOption('0000:02:00.0');
  await expect(page.getByTestId('import-report').getByRole('heading')).toHaveText('Replaying two.txt (device 0000:02:00.0)');
  await expect(summary).toContainText('5 lines: 3 used, 2 skipped, 0 rejected. 2 I/Os');
  await expect(page.getByTestId('import-pairing')).toContainText('1 maps still live at the end');
  await picker.selectOption('');
  await expect(summary).toContainText('3 I/Os');
});

test.describe('under the built page\'s Content-Security-Policy', () => {
  test.use({ bypassCSP: false });
  test('the example trace imports (its fetch and the import worker are allowed)', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await tryExample(page);
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
  });
});

const LINES = Number(process.env.LAB_IMPORT_LINES ?? 0);

test('a large trace imports without long tasks on the page (LAB_IMPORT_LINES)', async ({ page }) => {
  test.skip(!LINES, 'set LAB_IMPORT_LINES=1000000 to measure');
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'fqlab-e2e-big-'));
  try {
    const file = join(dir, 'big.trace.txt');
    writeFileSync(file, bigTrace(LINES));
    await page.goto('/');
    await ready(page);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; longAt: number[]; marks: Record<string, number> };
      w.longTasks = [];
      w.longAt = [];
      w.marks = {};
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) {
          w.longTasks.push(e.duration);
          w.longAt.push(e.startTime);
        }
      }).observe({ type: 'longtask' });
      // When the import began (progress bar) and ended (report): long tasks between the two are the import's.
      new MutationObserver(() => {
        if (!w.marks.progress && document.querySelector('[data-testid=import-progress]')) w.marks.progress = performance.now();
        if (!w.marks.report && document.querySelector('[data-testid=import-report]')) w.marks.report = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    // The idle page's own long tasks first (the loaded machine, the default run's last series and
    // pictures), for comparison.
    await page.waitForTimeout(10_000);
    const idle = await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; longAt: number[] };
      const r = [...w.longTasks];
      w.longTasks = [];
      w.longAt = [];
      return r;
    });
    console.log(`idle page, 10 s: ${idle.length} long tasks, longest ${Math.max(0, ...idle).toFixed(0)} ms, total ${idle.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
    const t0 = Date.now();
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 550_000 });
    const ms = Date.now() - t0;
    await page.waitForTimeout(3000);
    const { longTasks: tasks, longAt, marks } = await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; longAt: number[]; marks: Record<string, number> };
      return { longTasks: w.longTasks, longAt: w.longAt, marks: w.marks };
    });
    const max = Math.max(0, ...tasks);
    console.log(`import of ${LINES} lines: ${ms} ms to the report (reading ${((marks.report - marks.progress) / 1000).toFixed(1)} s); ${tasks.length} long tasks on the page's thread, longest ${max.toFixed(0)} ms, total ${tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
    console.log(`long tasks (start relative to the progress bar, ms: duration): ${tasks.map((d, i) => `${(longAt[i] - marks.progress).toFixed(0)}: ${d.toFixed(0)}`).join(', ')}`);
    // While the worker reads (the progress bar until half a second before the report), the page's
    // thread stays free: no task near the 16 ms frame budget's 50 ms long-task line for long. The
    // hand-over (the store's new scenario, the live worker's load, the panels redrawn) follows.
    const reading = tasks.filter((_, i) => longAt[i] < marks.report - 500);
    expect(Math.max(0, ...reading)).toBeLessThan(200);
    // For comparison: the same page work without an import (Stop replaying loads the scenario's own workload).
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; longAt: number[] };
      w.longTasks = [];
      w.longAt = [];
    });
    await page.getByRole('button', { name: /Stop replaying/ }).click();
    await page.waitForTimeout(5000);
    const reload = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`a load of the same scenario without the trace, 5 s: ${reload.length} long tasks, longest ${Math.max(0, ...reload).toFixed(0)} ms, total ${reload.reduce((x, y) => x + y, 0).toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const hex16 = (v: number): string => v.toString(16).padStart(16, '0');
const stamp = (ns: number): string => `${1000 + Math.floor(ns / 1e9)}.${String(Math.floor((ns % 1e9) / 1000)).padStart(6, '0')}`;

/** ftrace text of `lines` lines: iommu map/unmap (v5.17+ form) on 16 CPUs, every tenth line another event (as bench/import.ts). */
function bigTrace(lines: number): string {
  const out: string[] = [];
  const live: [number, number][] = [];
  let next = 0xfff00000;
  for (let n = 0, t = 0; n < lines; n++, t += 700) {
    const cpu = n % 16;
    const c = String(cpu).padStart(3, '0');
    if (n % 10 === 9) out.push(`kworker/${cpu}:1-${300 + cpu} [${c}] d..2. ${stamp(t)}: sched_switch: prev_comm=kworker prev_pid=300 prev_prio=120 prev_state=I ==> next_comm=swapper next_pid=0 next_prio=120`);
    else if (live.length > 64 || (live.length > 0 && n % 2 === 1)) {
      const [iova, size] = live.shift()!;
      out.push(`<idle>-0 [${String((cpu + 3) % 16).padStart(3, '0')}] d.h1. ${stamp(t)}: unmap: IOMMU: iova=0x${hex16(iova)} - 0x${hex16(iova + size)} size=${size} unmapped_size=${size}`);
    } else {
      const size = 4096 << n % 4;
      next -= size;
      if (next < 0x10000000) next = 0xfff00000;
      live.push([next, size]);
      out.push(`fio-${4000 + cpu} [${c}] d..1. ${stamp(t)}: map: IOMMU: iova=0x${hex16(next)} - 0x${hex16(next + size)} paddr=0x${hex16(0x100000000 + n * 4096)} size=${size}`);
    }
  }
  return out.join('\n') + '\n';
}
