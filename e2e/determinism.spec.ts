// Determinism across runtimes (issue 7): for every preset in the registry, the trace hash the page
// computes in its worker equals the one the Node engine computes here, the same value
// `npm run sim -- --preset NAME` prints. Nothing is hard-coded: both sides run the engine.

import { expect, test } from '@playwright/test';
import { PRESETS, presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import { URL_VERSION } from '../src/url/migrations.ts';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';

failOnConsoleErrors();
failOnForeignRequests();

for (const p of PRESETS) {
  test(`preset ${p.name}: browser trace hash equals Node's`, async ({ page }) => {
    const node = runScenario(presetScenario(p.name)).summary;
    // The current URL version: an unversioned `p=` is read as version 1, whose presets ran kernel 6.5
    // without the 32-bit-first attempt (README, URL migrations).
    await page.goto(`/#v=${URL_VERSION}&p=${p.name}`);
    await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 60_000 });
    await expect(page.getByTestId('trace-hash')).toHaveText(node.traceHash);
    await expect(page.getByTestId('iops')).toHaveText(new Intl.NumberFormat('en-US').format(node.iops));
  });
}
