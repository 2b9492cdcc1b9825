// The scale inputs' controls (docs/model.md "Scale inputs"): each one reaches the URL and the run,
// a rejected value shows the validator's message naming the field and changes nothing.

import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
}

failOnConsoleErrors();
failOnForeignRequests();

test('granule, hardware queues, bandwidth, NUMA and atomics: in the URL and the run; bad values named', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#v=3&dur=10');
  await waitReady(page);
  await openScenarioForm(page);
  await page.getByText('Scale inputs').click();

  await page.getByLabel('IOVA granule', { exact: true }).selectOption('64');
  await waitReady(page);
  await expect(page).toHaveURL(/[#&]gr=64(&|$)/);
  // The browser's run is the Node engine's run of the same scenario.
  const s = presetScenario('default');
  s.durationMs = 10;
  s.granuleKiB = 64;
  await expect(page.getByTestId('trace-hash')).toHaveText(runScenario(s).summary.traceHash);

  await page.getByText('Flush queue and workload').click();
  await page.getByLabel('Completion CPU', { exact: true }).selectOption('hwq');
  await page.getByLabel('Hardware queues', { exact: true }).fill('4');
  await page.getByLabel('NUMA nodes', { exact: true }).fill('2');
  await page.getByLabel('Atomics', { exact: true }).selectOption('arm64');
  await waitReady(page);
  await expect(page).toHaveURL(/[#&]cp=hwq(&|$)/);
  await expect(page).toHaveURL(/[#&]hwq=4(&|$)/);
  await expect(page).toHaveURL(/[#&]numa=2(&|$)/);
  await expect(page).toHaveURL(/[#&]atom=arm64(&|$)/);

  const bw = page.getByLabel('Device bandwidth (bytes/s)', { exact: true });
  await bw.fill('-5');
  await expect(page.locator('#ctl-bw-error')).toContainText('deviceBps');
  await expect(page).not.toHaveURL(/[#&]bw=/);
  await bw.fill('1000000000');
  await waitReady(page);
  await expect(page).toHaveURL(/[#&]bw=1000000000(&|$)/);
  await expect(page.locator('#ctl-bw-error')).toHaveCount(0);
});
