// Journeys through the scenario controls (issue 7): toggling counter reuse and strict / lazy changes
// what the panels say, checked on their text and ARIA values (not only pixels) against the Node
// engine at the same moment, and toggling back gives the first values again. Waits for
// <body data-ready="1">, never sleeps.

import { expect, test, type Page } from '@playwright/test';
import { counterRows, ROW_KEYS } from '../src/panels/counters/rows.ts';
import { iotlbSummary } from '../src/panels/iotlb/text.ts';
import { queuesSummary, queuesTable } from '../src/panels/queues/text.ts';
import { presetScenario } from '../src/sim/presets.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { defaultMomentNs } from '../src/worker/liveSession.ts';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';
import { fmtMoment, nodeViewAt } from './nodeEngine.ts';

failOnConsoleErrors();
failOnForeignRequests();

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
}

/** The counters panel's value and meaning cells, by row key (counters/rows.ts ROW_KEYS order). */
async function counterCells(page: Page): Promise<Record<string, { value: string; note: string }>> {
  const cells = await page.locator('[data-panel="counters"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('td.num')?.textContent ?? '', tr.querySelector('td.counters-note')?.textContent ?? '']),
  );
  return Object.fromEntries(ROW_KEYS.map((k, i) => [k, { value: cells[i][0], note: cells[i][1] }]));
}

const num = (s: string) => Number(s.replaceAll(',', ''));

/** The counters panel shows exactly what counterRows gives for the Node engine's view. */
async function expectCounters(page: Page, s: Scenario, t: number): Promise<void> {
  const rows = counterRows(nodeViewAt(s, t));
  await expect(page.locator('[data-panel="counters"] tbody td.num')).toHaveText(rows.map((r) => r.value));
  await expect(page.locator('[data-panel="counters"] tbody td.counters-note')).toHaveText(rows.map((r) => r.note));
}

test('counter reuse: on, the counters panel counts saved reads of fq_flush_finish_cnt; off, none', async ({ page }) => {
  const off = presetScenario('john-storage');
  const on = { ...off, counterReuse: true };
  const t = defaultMomentNs(off);
  await page.goto('/#v=3&p=john-storage');
  await waitReady(page);
  await expect(page.getByTestId('pb-time')).toHaveText(fmtMoment(t));
  await openScenarioForm(page);
  const reuse = page.getByRole('checkbox', { name: /^Counter reuse/ });
  await expect(reuse).not.toBeChecked();
  await expectCounters(page, off, t);
  const before = await counterCells(page);
  expect(before.saved.value).toBe('0');
  expect(before.saved.note).toMatch(/^off \(mainline\)/);
  await expect(page.getByTestId('counter-saved')).toHaveText('0');

  await reuse.check();
  await expect(page.getByTestId('summary-scenario')).toContainText(', counter reuse');
  await waitReady(page);
  await expect(page.getByTestId('pb-time')).toHaveText(fmtMoment(t));
  await expectCounters(page, on, t);
  const after = await counterCells(page);
  expect(num(after.saved.value)).toBeGreaterThan(0);
  expect(after.saved.note).toMatch(/^on: /);
  // The saved reads are reads of fq_flush_finish_cnt not made: fewer of them than without reuse.
  expect(num(after.readsFinish.value)).toBeLessThan(num(before.readsFinish.value));
  expect(num(await page.getByTestId('counter-saved').innerText())).toBeGreaterThan(0);

  await reuse.uncheck();
  await expect(page.getByTestId('summary-scenario')).not.toContainText('counter reuse');
  await waitReady(page);
  expect(await counterCells(page)).toEqual(before);
});

test('strict / lazy: the flush queues and the IOTLB panels follow the mode, on text and ARIA', async ({ page }) => {
  const lazy = presetScenario('default');
  const strict = { ...lazy, mode: 'strict' as const };
  const t = defaultMomentNs(lazy);
  const queues = page.locator('[data-panel="queues"]');
  const iotlb = page.locator('[data-panel="iotlb"]');
  const ringRows = () => queues.locator('.sr-only table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));

  await page.goto('/');
  await waitReady(page);
  const lv = nodeViewAt(lazy, t);
  // Lazy: entries wait in the rings and translations stay cached after their unmap.
  expect(lv.staleMax).toBeGreaterThan(0);
  await expect(queues.getByRole('img', { name: queuesSummary(lv, 0), exact: true })).toHaveCount(1);
  await expect(queues.getByRole('img').first()).toHaveAttribute('aria-label', /^Lazy mode, 16 per-CPU flush queues of 256 slots; [1-9][\d,]* entries queued/);
  await expect.poll(ringRows).toEqual(queuesTable(lv).slice(1));
  expect((await ringRows()).some((r) => Number(r[1]) > 0)).toBe(true);
  await expect(iotlb.getByRole('img', { name: iotlbSummary(lv), exact: true })).toHaveCount(1);
  await expect(iotlb.getByRole('img').first()).toHaveAttribute('aria-label', /at most [1-9][\d,]* stale at once/);
  await expect(iotlb).toContainText('Lazy: dma_unmap returns at once');
  await expectCounters(page, lazy, t);

  await openScenarioForm(page);
  await page.getByLabel('Mode', { exact: true }).selectOption('strict');
  await expect(page).toHaveURL(/[#&]mode=strict(&|$)/);
  await waitReady(page);
  await expect(page.getByTestId('pb-time')).toHaveText(fmtMoment(t));
  const sv = nodeViewAt(strict, t);
  expect([sv.iotlbStale, sv.staleMax, sv.fqFlushStartCnt]).toEqual([0, 0, 0]);
  await expect(queues.getByRole('img').first()).toHaveAttribute('aria-label', 'Strict mode: unmaps are not queued, so the flush queues stay empty.');
  await expect.poll(ringRows).toEqual(queuesTable(sv).slice(1));
  expect((await ringRows()).every((r) => r[1] === '0')).toBe(true);
  await expect(iotlb.getByRole('img', { name: iotlbSummary(sv), exact: true })).toHaveCount(1);
  await expect(iotlb.getByRole('img').first()).toHaveAttribute('aria-label', /0 stale now; at most 0 stale at once; longest stale window 0 ns/);
  await expect(iotlb).toContainText('the stale count stays 0');
  await expectCounters(page, strict, t);

  await page.getByLabel('Mode', { exact: true }).selectOption('lazy');
  await waitReady(page);
  await expect(queues.getByRole('img', { name: queuesSummary(lv, 0), exact: true })).toHaveCount(1);
  await expect(iotlb.getByRole('img', { name: iotlbSummary(lv), exact: true })).toHaveCount(1);
  await expectCounters(page, lazy, t);
});

test('focusing another CPU re-lays out the timeline and keeps its time axis', async ({ page }) => {
  const timeline = page.locator('[data-panel="timeline"]');
  const ticks = () => timeline.locator('g.axis .tick text').allInnerTexts();
  await page.goto('/');
  await waitReady(page);
  const before = await ticks();
  // The axis is drawn (the bug this guards against left it with no tick at all); the default
  // range, from the earliest recorded span to the moment, is ~1.5 ms wide: two or three ticks.
  expect(before.length).toBeGreaterThanOrEqual(2);
  await expect(timeline.locator('svg text', { hasText: /^CPU 0$/ }).first()).toHaveAttribute('font-weight', '700');
  // A new focused CPU changes the timeline's layout (its lane is pinned and bold), not the range
  // shown: the lane labels and the brush are rebuilt, and the axis must be drawn again with them.
  await page.getByRole('spinbutton', { name: 'Focused CPU' }).fill('3');
  await expect(timeline.locator('svg text', { hasText: /^CPU 3$/ }).first()).toHaveAttribute('font-weight', '700');
  await expect.poll(ticks).toEqual(before);
});
