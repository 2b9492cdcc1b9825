// Deploy anywhere: the built dist/ (the same build the rest of the suite uses) served by a plain
// static server under a sub-path, /course/lab/, as on a project page or a course site. The default
// scenario must run there: the page draws, a worker answers with the Node engine's trace hash,
// fonts load, and no request fails, 404s, or leaves the sub-path (an absolute "/assets/…" URL
// would reach the server's root and 404).

import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import { E2E_DIST } from './distDir.ts';
import { failOnConsoleErrors } from './guards.ts';
import { serveStatic, type Served } from './staticServer.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MOUNT = '/course/lab/';
let served: Served;

test.beforeAll(async () => {
  served = await serveStatic(resolve(ROOT, E2E_DIST), MOUNT);
});
test.afterAll(async () => {
  await served?.close();
});

failOnConsoleErrors();

test('the built page runs the default scenario from a sub-path on a plain static server', async ({ page }) => {
  const requests: string[] = [];
  const bad: string[] = [];
  const workers: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => bad.push(`${r.url()} failed: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) bad.push(`${r.url()} answered ${r.status()}`);
  });
  page.on('worker', (w) => workers.push(w.url()));

  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IOMMU Flush Queue Lab');
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  await expect(page.getByTestId('trace-hash')).toHaveText(runScenario(presetScenario('default')).summary.traceHash);
  expect(Number((await page.getByTestId('iops').innerText()).replaceAll(',', ''))).toBeGreaterThan(0);
  const chart = page.getByRole('img', { name: /IOPS and flush-queue flushes/ });
  await expect(chart).toBeVisible();
  expect(await chart.locator('.flush-bars rect').count()).toBeGreaterThan(0);
  // The self-hosted font came from the sub-path too (a failed font would only fall back silently).
  expect(await page.evaluate(() => document.fonts.check('700 16px "DejaVu Sans"') && document.fonts.check('400 16px "DejaVu Sans"'))).toBe(true);

  expect(workers.length, 'module workers started').toBeGreaterThan(0);
  for (const w of workers) expect(w.startsWith(`${served.url}assets/`), w).toBe(true);
  expect(requests.some((u) => /\/course\/lab\/assets\/[^/]+\.woff2?$/.test(u)), 'a font requested under the sub-path').toBe(true);
  const outside = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith(served.url));
  expect(outside, 'requests outside the sub-path').toEqual([]);
  expect(bad, 'failed requests').toEqual([]);
});

test('the panel gallery page of the build also loads from the sub-path', async ({ page }) => {
  const bad: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) bad.push(`${r.url()} answered ${r.status()}`);
  });
  page.on('requestfailed', (r) => bad.push(`${r.url()} failed`));
  await page.goto(`${served.url}panels.html`);
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  expect(bad, 'failed requests').toEqual([]);
});
