// Worker faults (issue 14, "Faults"), by injection through the page's test hooks
// (src/ui/faultHooks.ts): the live worker throws at its next command, or is terminated mid-run with
// no event (the stall watchdog, src/ui/playbackDriver.ts STALL_MS, notices). Either way the page says
// so, offers Restart, keeps the scenario, moment and view (the URL is untouched), marks what it
// shows as from before the failure, and Restart brings the same moment back as current.

import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';

failOnConsoleErrors();
failOnForeignRequests();

const ms = (ns: number) => `${(ns / 1e6).toFixed(6)} ms`;

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
}

test('the worker throws at the next command: failure said, Restart offered, moment and view kept, then restored', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#v=3&t=4000000&fc=1');
  await waitReady(page);
  const url = page.url();
  const time = page.getByTestId('pb-time');
  await expect(time).toHaveText(ms(4_000_000));
  const step = await page.getByTestId('pb-step').innerText();
  await expect(page.locator('section.results')).not.toHaveAttribute('data-stale', '1');
  await expect(page.getByTestId('pb-stale')).toHaveCount(0);

  await page.evaluate(() => window.labFaults!.throwNext());
  await page.getByRole('button', { name: 'Step ▸' }).click();

  const status = page.getByTestId('pb-status');
  await expect(status).toContainText('Playback failed — injected fault at the step command (test hook)');
  await expect(status).toContainText(`What is shown (t = ${ms(4_000_000)}) is from before the failure, not current.`);
  await expect(page.getByTestId('pb-stale')).toHaveText('(from before the failure)');
  await expect(page.locator('section.results')).toHaveAttribute('data-stale', '1');
  await expect(page.locator('#results-h')).toHaveText('Results of the whole run, received before the failure');
  await expect(page.getByTestId('run-status')).toContainText('The simulation failed');
  // kept: the moment and step shown, the link (scenario, moment, focus, panels)
  await expect(time).toHaveText(ms(4_000_000));
  await expect(page.getByTestId('pb-step')).toHaveText(step);
  expect(page.url()).toBe(url);
  // no hang: the page is quiescent in the error state, the transport is usable only through Restart
  await waitReady(page);

  await page.getByRole('button', { name: 'Restart' }).click();
  await waitReady(page);
  await expect(status).toHaveText(`Paused at t = ${ms(4_000_000)}`);
  await expect(page.getByTestId('pb-stale')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Restart' })).toHaveCount(0);
  await expect(page.locator('section.results')).not.toHaveAttribute('data-stale', '1');
  await expect(page.locator('#results-h')).toHaveText('Results of the whole run');
  expect(page.url()).toBe(url);
  // and it plays on from there
  await page.getByRole('button', { name: 'Step ▸' }).click();
  await expect(page.getByTestId('pb-step')).not.toHaveText(step);
});

test('the worker is terminated mid-run (no event): after the 10 s watchdog the page says it stopped answering; Restart resumes', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/#v=1&dur=1000');
  const progress = page.getByRole('progressbar', { name: 'Simulating the whole run' });
  // The first picture is up and the rest of the run is being simulated: kill the worker now.
  await expect(progress).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0.01);
  const url = page.url();
  await page.evaluate(() => window.labFaults!.terminate());
  const killedAt = Date.now();

  const status = page.getByTestId('pb-status');
  await expect(status).toContainText('the simulation worker stopped answering (no reply for 10 s)', { timeout: 30_000 });
  // the watchdog waited for the silence, no less (it checks once a second)
  expect(Date.now() - killedAt).toBeGreaterThanOrEqual(9_000);
  await expect(status).toContainText(`What is shown (t = ${ms(15_000_000)}) is from before the failure, not current.`);
  await expect(page.getByTestId('pb-time')).toHaveText(ms(15_000_000));
  await expect(page.getByTestId('pb-stale')).toBeVisible();
  // no progress bar left spinning for a dead worker
  await expect(progress).toHaveCount(0);
  const results = page.locator('section.results');
  if ((await results.count()) > 0) await expect(results).toHaveAttribute('data-stale', '1');
  expect(page.url()).toBe(url);

  await page.getByRole('button', { name: 'Restart' }).click();
  // a fresh worker simulates the same scenario to the same moment; the stale mark goes with its first picture
  await expect(progress).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('pb-stale')).toHaveCount(0);
  await expect(page.getByTestId('pb-time')).toHaveText(ms(15_000_000));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toContainText('simulated up to');
  expect(page.url()).toBe(url);
});

test('a scenario too big for the page is refused before it runs, with the estimate; the rest of the link applies', async ({ page }) => {
  test.setTimeout(120_000);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // 512 CPUs × 65536-slot rings: ~10 GiB estimated (src/sim/memory.ts), which would kill the tab
  await page.goto('/#v=3&cpus=512&fq=65536&dur=2&t=1000000');
  const alert = page.getByTestId('url-errors');
  await expect(alert).toContainText(/fq × cpus: 512 rings of 65536 slots would need an estimated [\d.]+ GiB/);
  await expect(alert).toContainText('fq was not applied');
  await waitReady(page);
  // run with the default ring, the other keys applied
  await expect(page.getByTestId('pb-time')).toHaveText(ms(1_000_000));
  await expect(page.locator('#ctl-cpus')).toHaveValue('512');
  await expect(page.locator('#ctl-fq')).toHaveValue('0');
  expect(workers.filter((u) => u.includes('live.worker'))).toHaveLength(1);
});
