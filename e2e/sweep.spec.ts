// Sweeps, export and embed in the page (issue 16): a small sweep runs to completion in the Web
// Worker pool with a progress bar per run, its CSV downloads and parses, and its trace hashes are
// those of the same runs in Node; Cancel terminates every pool worker (Playwright sees each close);
// the counter-reuse comparison runs its 10 seeds and shows the distribution beside John Garry's
// +2.4 %; an embed link renders only the panels it names and the playback bar; a panel's PNG export
// downloads a valid PNG named after the scenario and moment.

import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import { planSweep } from '../src/sim/sweep/tasks.ts';
import { sweepPoints } from '../src/url/sweepPoints.ts';

async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready);
}

const text = (d: Download): Promise<string> => d.path().then((p) => readFileSync(p, 'utf8'));

failOnConsoleErrors();
failOnForeignRequests();

test('a small sweep runs to completion with progress; its CSV downloads, parses and carries the Node runs\' trace hashes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#v=3&p=tiny-lazy&dur=3');
  await waitReady(page);
  await openScenarioForm(page);
  await page.getByTestId('sweep-open').click();
  await page.getByTestId('sweep-param').selectOption('cpus');
  await page.getByTestId('sweep-values').fill('2,4');
  await page.getByTestId('sweep-seeds').fill('1-2');
  await page.getByTestId('sweep-workers').fill('2');
  await page.getByTestId('sweep-run').click();
  const sweep = page.getByTestId('sweep');
  await expect(sweep).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  // 2 CPUs values × lazy, strict × 2 seeds: a bar per run, every one full, and the overall bar.
  const bars = sweep.locator('.sweep-runs progress');
  await expect(bars).toHaveCount(8);
  for (const v of await bars.evaluateAll((els) => els.map((e) => (e as HTMLProgressElement).value))) expect(v).toBe(1);
  await expect(page.getByTestId('sweep-overall')).toHaveJSProperty('value', 8);
  await expect(page.getByTestId('sweep-status')).toHaveText(/^8 runs finished on 2 workers in [\d.]+ s$/);
  await expect(page.getByTestId('sweep-table').locator('tbody tr')).toHaveCount(4);
  await expect(sweep.locator('.sweep-chart')).toHaveCount(3);

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-csv').click()]);
  expect(dl.suggestedFilename()).toMatch(/^tiny-lazy-[0-9a-f]{8}_sweep\.csv$/);
  const [head, ...rows] = (await text(dl)).trimEnd().split('\n').map((l) => l.split(','));
  expect(head.slice(0, 6)).toEqual(['kind', 'point', 'seed', 'sweep_cpus', 'sweep_mode', 'scenario']);
  // Per point: two runs, then mean, lo, hi.
  expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3].flatMap(() => ['run', 'run', 'mean', 'lo', 'hi']));
  const runs = rows.filter((r) => r[0] === 'run');
  const { points } = sweepPoints({ scenario: { ...presetScenario('tiny-lazy'), durationMs: 3 }, preset: 'tiny-lazy' }, [
    { key: 'cpus', values: ['2', '4'] },
    { key: 'mode', values: ['lazy', 'strict'] },
  ], 'sweep');
  const plan = planSweep(points, [1, 2]);
  const hashCol = head.indexOf('trace_hash');
  expect(runs.map((r) => r[hashCol])).toEqual(plan.tasks.map((t) => runScenario(t.scenario).summary.traceHash));
});

test('Cancel terminates every worker of the pool', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#v=3&p=steady-lazy');
  await waitReady(page);
  const pool: Promise<void>[] = [];
  page.on('worker', (w) => {
    if (w.url().includes('sweep.worker')) pool.push(new Promise((done) => w.on('close', () => done())));
  });
  await openScenarioForm(page);
  await page.getByTestId('sweep-open').click();
  await page.getByTestId('sweep-values').fill('8,16,32,64');
  await page.getByTestId('sweep-seeds').fill('1-5');
  await page.getByTestId('sweep-workers').fill('2');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'running');
  await expect.poll(() => pool.length).toBe(2);
  await page.getByTestId('sweep-cancel').click();
  await Promise.all(pool);
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('sweep-status')).toHaveText(/^Cancelled: the workers were stopped; \d+ of 40 runs had finished$/);
  expect(pool.length).toBe(2);
});

test('counter reuse over 10 seeds: the distribution of the IOPS change beside John Garry\'s +2.4 %', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#v=3&p=tiny-lazy&dur=3');
  await waitReady(page);
  await openScenarioForm(page);
  await page.getByTestId('cr-seeds').click();
  await expect(page.getByTestId('sweep-param')).toHaveValue('cr');
  await expect(page.getByTestId('sweep-seeds')).toHaveValue('1-10');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const reuse = page.getByTestId('sweep-reuse');
  await expect(reuse).toContainText(/per seed \(n = 10\): mean [+-][\d.]+ %/);
  await expect(reuse).toContainText('John Garry reported +2.4 %');
  await expect(reuse.locator('circle')).toHaveCount(10);
  // The view with its results, the form and an export menu open, has no axe violations.
  await page.getByTestId('export-queues').click();
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});

test('an embed link renders only the panels it names and the playback bar', async ({ page }) => {
  await page.goto('/#v=3&p=tiny-lazy&pn=throughput&embed=1&t=1000000');
  await waitReady(page);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.locator('header.page-header')).toHaveCount(0);
  await expect(page.locator('#scenario-form')).toHaveCount(0);
  await expect(page.locator('[data-panel]')).toHaveCount(1);
  await expect(page.locator('[data-panel="throughput"]')).toBeVisible();
  await expect(page.getByTestId('sweep-open')).toHaveCount(0);
  await expect(page).toHaveScreenshot('embed-throughput.png', { fullPage: true });
});

test('Share offers the <iframe> snippet of the view, with embed=1', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#v=3&p=tiny-lazy&pn=throughput&t=1000000');
  await waitReady(page);
  await page.getByTestId('share').click();
  await page.getByTestId('share-embed').click();
  await expect(page.getByTestId('share-feedback')).toHaveText('Embed snippet copied');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#v=4&amp;p=tiny-lazy&amp;pn=throughput&amp;embed=1&amp;t=1000000" width="960" height="600" [^>]*><\/iframe>$/);
  // The snippet's link, opened, is the embed view.
  await page.goto(snippet.split('"')[1].replace(/&amp;/g, '&'));
  await waitReady(page);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.locator('[data-panel]')).toHaveCount(1);
});

test('a panel\'s PNG export downloads a valid PNG named after the scenario and moment; SVG panels also export SVG', async ({ page }) => {
  await page.goto('/#v=3&p=tiny-lazy&t=1000000');
  await waitReady(page);
  await page.getByTestId('export-queues').click();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-queues-png').click()]);
  expect(png.suggestedFilename()).toBe('tiny-lazy_queues_t1.000ms.png');
  const bytes = readFileSync(await png.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(100);
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(50);
  await page.getByTestId('export-throughput').click();
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-throughput-svg').click()]);
  expect(svg.suggestedFilename()).toBe('tiny-lazy_throughput_t1.000ms.svg');
  expect(await text(svg)).toMatch(/^<\?xml[^\n]*\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
});
