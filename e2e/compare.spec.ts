// Seeing what changed (issue 18): after switching lazy → strict the results chart keeps the lazy
// run's level as a reference line on one scale, and the page states strict mode's assumption; with
// counter reuse it says what the result means. Every wait is on <body data-ready="1">.
// The A/B compare (issue 16, URL key cmp) below also waits for the compare band's data-b-ready (run
// B simulated and standing at A's moment).

import AxeBuilder from '@axe-core/playwright';
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
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("npm run -s sim -- --scenario 'v=4&p=tiny-lazy&seed=7&cpus=3'");
});

// --- A/B compare (issue 16): URL key cmp, two runs on one clock (src/ui/compareDriver.ts). ---

/** The page is quiescent and B stands at A's moment with its whole run simulated. */
async function waitBoth(page: Page): Promise<void> {
  await waitReady(page);
  await page.locator('[data-testid="compare"] [data-b-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
  await waitReady(page);
}

const traceHashOf = (page: Page, side: 2 | 3) => page.locator(`[data-testid="compare-table"] tr[data-key="traceHash"] td:nth-child(${side})`);

test('a compare link opens A and B at the same moment; B is the CLI run of B', async ({ page }) => {
  test.setTimeout(180_000); // two runs on a busy 2-core machine
  const a = presetScenario('tiny-lazy');
  const b = { ...a, mode: 'strict' as const };
  await page.goto('/#v=3&p=tiny-lazy&cmp=mode:strict&t=12000000');
  await waitBoth(page);
  const band = page.getByTestId('compare');
  await expect(band.getByTestId('compare-b')).toContainText('B: A with mode strict');
  await expect(band.getByTestId('compare-t')).toHaveText('12.000 ms');
  await expect(band.getByTestId('compare-moment')).not.toContainText('catching up');
  await expect(band.getByTestId('compare-moment')).toContainText('event indices differ');
  // One run per side, each the CLI's run of its scenario.
  await expect(traceHashOf(page, 2)).toHaveText(runScenario(a).summary.traceHash);
  await expect(traceHashOf(page, 3)).toHaveText(runScenario(b).summary.traceHash);
  await expect(band.locator('figure.compare-chart')).toHaveCount(4);
  await expect(band.locator('path.compare-line-a')).toHaveCount(4);
  await expect(band.locator('path.compare-line-b')).toHaveCount(4);
  await band.getByLabel('B − A', { exact: true }).check();
  await expect(band.locator('path.compare-line-delta')).toHaveCount(4);
  await band.getByLabel('A and B', { exact: true }).check();
  await expect(band.locator('.compare-head, .compare-moment, .compare-charts')).toHaveCount(3);
  await expect(band.locator('.compare-charts')).toHaveScreenshot('compare-tiny-lazy-strict.png');
});

test('stepping moves both runs to the same simulated time', async ({ page }) => {
  test.setTimeout(180_000); // two runs on a busy 2-core machine
  await page.goto('/#v=3&p=tiny-lazy&cmp=cr:1&t=12000000');
  await waitBoth(page);
  const band = page.getByTestId('compare');
  const bStep = await band.getByTestId('compare-b-step').textContent();
  for (let i = 0; i < 3; i++) {
    await page.getByTitle('Step forward one engine step (→)').click();
    await waitBoth(page);
  }
  const t = await band.getByTestId('compare-t').textContent();
  expect(t).not.toBe('12.000 ms');
  await expect(band.getByTestId('compare-moment')).not.toContainText('catching up');
  expect(await band.getByTestId('compare-b-step').textContent()).not.toBe(bStep);
  // The shared moment is the URL's.
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('t=12000000&');
});

test('a Compare button opens the compare; leaving keeps scenario A; Back returns to it', async ({ page }) => {
  test.setTimeout(180_000); // two runs on a busy 2-core machine
  await page.goto('/#v=3&p=tiny-lazy&t=12000000');
  await waitReady(page);
  await expect(page.getByTestId('compare')).toHaveCount(0);
  const line = await page.getByTestId('scenario-line').textContent();
  await openScenarioForm(page);
  await page.locator('button[data-compare="mode"]').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('cmp=mode:strict');
  await waitBoth(page);
  await expect(traceHashOf(page, 3)).toHaveText(runScenario({ ...presetScenario('tiny-lazy'), mode: 'strict' }).summary.traceHash);
  // Counter reuse and kernel version have their buttons too.
  await expect(page.locator('button[data-compare="cr"]')).toHaveText('Compare with cr 1');
  await expect(page.locator('button[data-compare="kv"]')).toHaveText('Compare with kv 6.6');

  await page.getByRole('button', { name: 'Leave compare' }).click();
  await expect(page.getByTestId('compare')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('cmp=');
  await expect(page.getByTestId('scenario-line')).toHaveText(line!);
  expect(await page.evaluate(() => location.hash)).toMatch(/^#v=4&p=tiny-lazy&t=\d+$/);
  await page.goBack();
  await expect(page.getByTestId('compare')).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('cmp=mode:strict');
});

test('a bad cmp is named; the rest of the link applies', async ({ page }) => {
  test.setTimeout(180_000); // two runs on a busy 2-core machine
  await page.goto('/#v=3&p=tiny-lazy&cpus=3&cmp=zz:1&t=12000000');
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'cmp: unknown key "zz"' })).toHaveCount(1);
  await expect(page.getByTestId('compare')).toHaveCount(0);
  await expect(page.getByTestId('scenario-line')).toContainText('3 CPUs');
});

test('axe: the compare band and the Compare buttons have no violations', async ({ page }) => {
  test.setTimeout(180_000); // two runs on a busy 2-core machine
  await page.goto('/#v=3&p=tiny-lazy&cmp=cr:1&t=12000000');
  await waitBoth(page);
  await openScenarioForm(page);
  const result = await new AxeBuilder({ page }).include('[data-testid="compare"]').include('#scenario-form').analyze();
  const brief = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(brief).toEqual([]);
});
