// Seeing what changed (issue 18): after switching lazy → strict the results chart keeps the lazy
// run's level as a reference line on one scale, and the page states strict mode's assumption; with
// counter reuse it says what the result means. Every wait is on <body data-ready="1">.

import { expect, test, type Page } from '@playwright/test';
import { counterReuseBound } from '../src/sim/counterReuseBound.ts';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import { fmtSi as si } from '../src/ui/format.ts';
import { counterReuseBoundNote } from '../src/ui/RunReading.tsx';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';

failOnConsoleErrors();
failOnForeignRequests();

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
}


test('lazy → strict: the lazy level stays as a reference line, strict states its assumption', async ({ page }) => {
  const lazy = runScenario(presetScenario('tiny-lazy')).summary;
  await page.goto('/#v=2&p=tiny-lazy');
  await waitReady(page);
  const chart = page.getByTestId('chart');
  await expect(chart.locator('.iops-reference')).toHaveCount(0);
  await expect(page.getByTestId('reading-strict')).toHaveCount(0);
  await openScenarioForm(page);
  await page.getByLabel('Mode', { exact: true }).selectOption('strict');
  await waitReady(page);
  await expect(chart.locator('.iops-reference line')).toHaveCount(1);
  await expect(chart.locator('.iops-reference text')).toHaveText(`previous run (lazy, kernel 6.5, 2 CPUs): ${si(lazy.iops)} IOPS`);
  await expect(page.getByTestId('reading-reference')).toContainText(`The dashed line is the previous run (lazy, kernel 6.5, 2 CPUs): ${si(lazy.iops)} IOPS`);
  await expect(page.getByTestId('reading-strict')).toContainText('every unmap waits for one range invalidation and sync (invRangeNs = 2,000 ns');
  // The throughput panel on the first screen keeps the lazy level too, on its own shared scale.
  const panel = page.locator('[data-panel="throughput"]');
  await expect(panel.locator('line.iops-reference')).toHaveCount(1);
  await expect(panel.locator('text.iops-reference-label')).toHaveText(/^previous run \(lazy, 2 CPUs\): [\d.]+k?M?$/);
  // The reference sits inside the plot, under the IOPS axis top (one scale for both runs).
  const [y, top] = await chart.evaluate((svg) => {
    const l = svg.querySelector('.iops-reference line')!;
    const ticks = [...svg.querySelectorAll('.axis-iops .tick')].map((t) => new DOMMatrixReadOnly(getComputedStyle(t).transform).f);
    return [Number(l.getAttribute('y1')), Math.min(...ticks)];
  });
  expect(y).toBeGreaterThanOrEqual(top);
});

test('counter reuse: the page says what it saved, the IOPS change and that near zero is expected', async ({ page }) => {
  const off = runScenario(presetScenario('tiny-lazy')).summary;
  const on = runScenario({ ...presetScenario('tiny-lazy'), counterReuse: true }).summary;
  const change = ((on.iops - off.iops) / off.iops) * 100;
  await page.goto('/#v=2&p=tiny-lazy');
  await waitReady(page);
  await expect(page.getByTestId('reading-reuse')).toHaveCount(0);
  await openScenarioForm(page);
  await page.getByLabel('Counter reuse').check();
  await waitReady(page);
  const note = page.getByTestId('reading-reuse');
  await expect(note).toContainText(`saved ${on.counterReads.finishSaved.toLocaleString('en-US')} reads of fq_flush_finish_cnt`);
  await expect(note).toContainText(`${change >= 0 ? '+' : ''}${change.toFixed(2)} %`);
  await expect(note).toContainText('A change near zero is the expected finding');
  // Issue 20: the bound of what it can save, computed from this run as the CLI does, with John
  // Garry's +2.4 % and the behavioural channel beside it.
  const tiny = presetScenario('tiny-lazy');
  await expect(note).toContainText(counterReuseBoundNote(counterReuseBound(on, tiny.costs.atomicRemoteNs, tiny.cpus)));
});

test('"CLI command" beside Share copies the equivalent npm run -s sim command', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#v=2&p=tiny-lazy&seed=7&cpus=3&fc=2&t=1234567');
  await waitReady(page);
  await page.getByRole('button', { name: 'CLI command' }).click();
  await expect(page.getByTestId('share-feedback')).toHaveText('Command copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("npm run -s sim -- --scenario 'v=3&p=tiny-lazy&seed=7&cpus=3'");
});
