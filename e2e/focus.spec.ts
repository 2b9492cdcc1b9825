// Focusing a CPU from a panel is a store action (labStore setFocusCpu), so the address bar follows
// it like any other view change (issue 13, item 4): after a fresh load, clicking a small ring in the
// flush-queues panel or typing in its "Focused CPU" box writes `fc=` into the hash. Waits for
// <body data-ready="1">, never sleeps.

import { expect, test, type Page } from '@playwright/test';
import { cellOrigin, queuesLayout } from '../src/panels/queues/layout.ts';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';

failOnConsoleErrors();
failOnForeignRequests();

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
}

test('after a fresh load, clicking a small ring focuses its CPU and the address bar says fc=', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  expect(page.url()).not.toMatch(/[#&]fc=/);
  const canvas = page.locator('[data-panel="queues"] canvas');
  const box = (await canvas.boundingBox())!;
  const nrings = 16; // the default scenario: one ring per CPU
  await expect(page.locator('[data-panel="queues"] .sr-only table tbody tr')).toHaveCount(nrings);
  const L = queuesLayout(Math.floor(box.width), nrings, 256);
  const [cx, cy] = cellOrigin(L.grid!, 5);
  await canvas.click({ position: { x: cx + L.grid!.cell / 2, y: cy + L.grid!.cell / 2 } });
  await expect(page.getByRole('spinbutton', { name: 'Focused CPU' })).toHaveValue('5');
  await expect(page).toHaveURL(/[#&]fc=5(&|$)/);
});

test('after a fresh load, the "Focused CPU" box writes fc= into the address bar', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByRole('spinbutton', { name: 'Focused CPU' }).fill('3');
  await expect(page).toHaveURL(/[#&]fc=3(&|$)/);
});
