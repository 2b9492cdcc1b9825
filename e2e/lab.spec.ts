// User journeys on the lab page. Every test waits for <body data-ready="1"> (set when the newest
// run's results are on the page) instead of sleeping, and fails on any console error.

import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The Node engine's summary of a preset (computed here, never hard-coded). */
function nodeSummary(preset: string) {
  return runScenario(presetScenario(preset)).summary;
}

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
}

async function iops(page: Page): Promise<number> {
  return Number((await page.getByTestId('iops').innerText()).replaceAll(',', ''));
}

failOnConsoleErrors();
failOnForeignRequests();

test('loads the default scenario and shows its results', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IOMMU Flush Queue Lab');
  await waitReady(page);
  expect(await iops(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{8}$/);
  await expect(page.getByTestId('trace-hash')).toHaveText(nodeSummary('default').traceHash);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('default');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('lazy');
  await expect(page.getByLabel('Kernel version', { exact: true })).toHaveValue('6.12');
  await expect(page.getByLabel('PCI device', { exact: true })).toBeChecked();
  await expect(page.getByLabel('iommu.forcedac', { exact: true })).not.toBeChecked();
  await expect(page.getByLabel('CPUs', { exact: true })).toHaveValue('16');
  await expect(page.getByTestId('run-status')).toContainText('Simulated 100 ms');
  // The chart: an image with a text alternative, three axes, a legend and data.
  const chart = page.getByRole('img', { name: /IOPS and flush-queue flushes/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.axis')).toHaveCount(3);
  await expect(chart.locator('.legend text')).toHaveCount(3);
  await expect(chart.locator('path.iops-line')).toHaveCount(1);
  expect(await chart.locator('.flush-bars rect').count()).toBeGreaterThan(0);
  // The simulation ran once, in the live module worker Vite built (the summary worker serves only
  // the gallery's previews).
  expect(workers.some((u) => /\/assets\/live\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  expect(workers.some((u) => /\/assets\/sim\.worker-[\w-]+\.js$/.test(u))).toBe(false);
});

test('tiny-lazy: the browser computes the same trace hash as the Node engine', async ({ page }) => {
  const node = nodeSummary('tiny-lazy');
  await page.goto('/');
  await waitReady(page);
  await openScenarioForm(page);
  await page.getByLabel('Preset', { exact: true }).selectOption('tiny-lazy');
  await waitReady(page);
  await expect(page).toHaveURL(/#v=4&p=tiny-lazy$/);
  await expect(page.getByTestId('trace-hash')).toHaveText(node.traceHash);
  await expect(page.getByTestId('ios')).toHaveText(int.format(node.ios));
  await expect(page.getByTestId('iops')).toHaveText(int.format(node.iops));
  await expect(page.getByLabel('CPUs', { exact: true })).toHaveValue('2');
});

test('strict mode: other IOPS, no stale window, kept in the URL across a reload', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const lazyIops = await iops(page);
  await expect(page.getByTestId('stale-max')).not.toHaveText('0');

  await openScenarioForm(page);
  await page.getByLabel('Mode', { exact: true }).selectOption('strict');
  await waitReady(page);
  const strictIops = await iops(page);
  expect(strictIops).toBeGreaterThan(0);
  expect(strictIops).not.toBe(lazyIops);
  await expect(page.getByTestId('stale-max')).toHaveText('0');
  await expect(page).toHaveURL(/[#&]mode=strict(&|$)/);

  await page.getByLabel('CPUs', { exact: true }).fill('8');
  await waitReady(page);
  await expect(page).toHaveURL(/[#&]cpus=8(&|$)/);
  const strict8 = await iops(page);
  const hash = await page.getByTestId('trace-hash').innerText();

  await page.reload();
  await waitReady(page);
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('strict');
  await expect(page.getByLabel('CPUs', { exact: true })).toHaveValue('8');
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('default');
  expect(await iops(page)).toBe(strict8);
  await expect(page.getByTestId('trace-hash')).toHaveText(hash);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an invalid hash: an alert names each rejected part and the defaults still run', async ({ page }) => {
  await page.goto('/#v=1&cpus=9999&mode=bogus&zzz=1');
  await waitReady(page);
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  const items = alert.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveText(/^cpus: "9999" rejected/);
  await expect(items.nth(1)).toHaveText(/^mode: "bogus" rejected/);
  await expect(items.nth(2)).toHaveText(/^zzz: unknown key/);
  await expect(page.getByLabel('CPUs', { exact: true })).toHaveValue('16');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('lazy');
  expect(await iops(page)).toBeGreaterThan(0);
  // A v1 link means v1's defaults: kernel 6.5 without the 32-bit-first attempt (migrate_2_to_3).
  const v1Default = runScenario({ ...presetScenario('default'), kernel: '6.5', pci: false }).summary;
  await expect(page.getByTestId('trace-hash')).toHaveText(v1Default.traceHash);
  // The invalid URL is left as the user wrote it until they change something.
  await expect(page).toHaveURL(/zzz=1$/);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('URL text is shown as text, never as HTML', async ({ page }) => {
  const payload = '<img src=x onerror="window.xssFired=1">';
  await page.goto(`/#v=1&p=${encodeURIComponent(payload)}&${encodeURIComponent('<b>k</b>')}=1`);
  await waitReady(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('p: unknown preset "<img src=x onerror="window.xssFired=1">"');
  await expect(alert).toContainText('<b>k</b>: unknown key');
  await expect(alert.locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { xssFired?: number }).xssFired)).toBeUndefined();
});

test('the kernel version select shows what changes at the version; forcedac and the PCI device reach the URL', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await openScenarioForm(page);
  const kv = page.getByLabel('Kernel version', { exact: true });
  await kv.selectOption('5.11');
  await expect(page.locator('#ctl-kv-hint')).toContainText('restarts from the anchor');
  await expect(page).toHaveURL(/[#&]kv=5\.11(&|$)/);
  await page.getByLabel('iommu.forcedac', { exact: true }).check();
  await expect(page).toHaveURL(/[#&]fdac=1(&|$)/);
  await page.getByLabel('PCI device', { exact: true }).uncheck();
  await expect(page).toHaveURL(/[#&]pci=0(&|$)/);
  await waitReady(page);
  await expect(page.getByTestId('summary-scenario')).toHaveText('lazy, kernel 5.11, 16 CPUs, seed 1');
});

test('hashchange loads the new scenario', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.evaluate(() => {
    location.hash = '#v=1&p=tiny-lazy&seed=7';
  });
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('tiny-lazy');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('7');
  await waitReady(page);
  await expect(page.getByTestId('summary-scenario')).toHaveText('lazy, kernel 6.5, 2 CPUs, seed 7');
});

test('a long run shows "running…", the page stays responsive and a newer scenario supersedes it', async ({ page }) => {
  await page.goto('/#v=1&dur=60000'); // about a minute of worker time
  await expect(page.getByTestId('run-status')).toHaveText(/^running…/);
  await expect(page.locator('body')).not.toHaveAttribute('data-ready', '1');
  // One run: the moment is drawn before the run ends, and the summary so far says it is partial.
  await expect(page.locator('.panel[data-panel="queues"][data-frame]')).toBeAttached({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: /^Partial results: the first [\d.,]+ of 60,000(\.00)? ms, still simulating$/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/^running… simulated [\d.,]+ of 60,000(\.00)? ms so far$/);
  await expect(page.locator('body')).not.toHaveAttribute('data-ready', '1');
  // The main thread is free: the controls react while the worker computes.
  await openScenarioForm(page);
  await page.getByLabel('Duration (ms)', { exact: true }).fill('20');
  await waitReady(page);
  await expect(page).toHaveURL(/[#&]dur=20(&|$)/);
  await expect(page.getByTestId('run-status')).toContainText('Simulated 20 ms');
  await expect(page.getByTestId('sim-ms')).toHaveText('20');
  await expect(page.getByRole('heading', { name: 'Results of the whole run' })).toBeVisible();
  await expect(page.locator('section.results[data-partial]')).toHaveCount(0);
});

test('the page makes no request to any other origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const urls: string[] = [];
  page.context().on('request', (r) => urls.push(r.url()));
  await page.goto('/');
  await waitReady(page);
  await openScenarioForm(page);
  await page.getByLabel('Kernel version', { exact: true }).selectOption('6.7');
  await waitReady(page);
  expect(urls.length).toBeGreaterThan(3);
  const foreign = urls.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  expect(foreign).toEqual([]);
});

test('home page screenshot (default scenario)', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.evaluate(() => document.fonts.ready);
  // The worker's wall-clock time is the only nondeterministic text; its box has a fixed width.
  await expect(page).toHaveScreenshot('home.png', { fullPage: true, mask: [page.getByTestId('wall-ms')] });
});
