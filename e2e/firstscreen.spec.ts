// The first five minutes (issue 18): at 1280×720 the rings and the throughput chart are on the
// first screen, the playback bar stays reachable, Play moves the rings within seconds at the default
// speed, every step says what happened, and panels are shown and hidden from the page (into the
// URL). Every wait is on text, ARIA state or <body data-ready="1">, never a sleep.

import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';

failOnConsoleErrors();
failOnForeignRequests();

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
}

/** The box of an element in viewport coordinates, and whether all of it is inside the viewport. */
async function inViewport(page: Page, selector: string): Promise<{ box: number[]; inside: boolean }> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const box = [r.left, r.top, r.right, r.bottom].map(Math.round);
    const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    return { box, inside };
  });
}

/** "Focused CPU 0: 183 of 255 queued": the focused ring's fill, from the panel's text alternative. */
async function focusedFill(page: Page): Promise<number> {
  const label = await page.locator('[data-panel="queues"] [role="img"]').first().getAttribute('aria-label');
  const m = /Focused CPU \d+: ([\d,]+) of \d+ queued/.exec(label ?? '');
  if (!m) throw new Error(`no focused ring fill in "${label}"`);
  return Number(m[1].replace(/,/g, ''));
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`${viewport.width}×${viewport.height}: the rings and the throughput chart are on the first screen, the playback bar stays at hand`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await waitReady(page);
    for (const panel of ['queues', 'throughput']) {
      const r = await inViewport(page, `[data-panel="${panel}"]`);
      expect(r.inside, `${panel} panel ${r.box.join(',')} inside ${viewport.width}×${viewport.height}`).toBe(true);
    }
    expect((await inViewport(page, '.playback')).inside).toBe(true);
    // The scenario is one line; its form opens below the header and folds away again.
    await expect(page.getByTestId('scenario-line')).toHaveText('default · lazy · 16 CPUs · 100 ms');
    await expect(page.getByLabel('Mode', { exact: true })).toBeHidden();
    await openScenarioForm(page);
    await expect(page.getByLabel('Mode', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Hide the form ▴' }).click();
    await expect(page.getByLabel('Mode', { exact: true })).toBeHidden();
    // Scrolled to the results, the transport is still on screen, stuck to the top.
    await page.getByRole('heading', { name: 'Results of the whole run' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
    const bar = await inViewport(page, '.playback');
    expect(bar.inside).toBe(true);
    expect(bar.box[1]).toBe(0);
    await expect(page.getByRole('button', { name: '▶ Play' })).toBeInViewport();
  });
}

test('800 px wide: one column, the playback bar stays at hand after scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto('/');
  await waitReady(page);
  const q = await inViewport(page, '[data-panel="queues"]');
  expect(q.box[2]).toBeLessThanOrEqual(800);
  const t = await inViewport(page, '[data-panel="throughput"]');
  expect(t.box[1]).toBeGreaterThanOrEqual(q.box[3]); // stacked under the rings
  await page.getByRole('heading', { name: 'Results of the whole run' }).scrollIntoViewIfNeeded();
  const bar = await inViewport(page, '.playback');
  expect([bar.inside, bar.box[1]]).toEqual([true, 0]);
});

test('Play at the default speed moves the rings within 5 seconds, and the speed says what it means', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await waitReady(page);
  // Why the page is at 15 ms: said, with a way to the start.
  await expect(page.getByTestId('pb-start-note')).toContainText('Opened at 15 ms, past the first 10 ms FQ timeout (the link has no t=)');
  await expect(page.getByTestId('pb-speed')).toHaveText('31.6k steps/s');
  await expect(page.getByTestId('pb-speed-means')).toHaveText(/^≈ 1\.\d simulated ms per second$/);
  const before = await focusedFill(page);
  const t0 = Date.now();
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect(page.getByTestId('pb-status')).toHaveText('Playing');
  // The focused ring's fill changes (it fills and is flushed several times a second at this speed).
  await expect.poll(() => focusedFill(page), { timeout: 5_000, intervals: [250] }).not.toBe(before);
  expect(Date.now() - t0).toBeLessThan(5_000);
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  await expect(page.getByTestId('pb-status')).toHaveText(/^Paused at t = /);
  // The user moved: the note about the chosen moment is gone.
  await expect(page.getByTestId('pb-start-note')).toHaveCount(0);
  // Both panels stay inside the first screen while playing and paused.
  for (const panel of ['queues', 'throughput']) expect((await inViewport(page, `[data-panel="${panel}"]`)).inside).toBe(true);
});

test('"Go to t = 0" opens the start; every step says which CPU did what in which kernel function', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const line = page.getByTestId('pb-happened');
  await expect(line).toHaveAttribute('aria-live', 'polite');
  await expect(line).toHaveText(/^\d+\.\d{6} ms · CPU \d+ · \w+: /);
  await page.getByRole('button', { name: 'Go to t = 0' }).click();
  await waitReady(page);
  await expect(page.getByTestId('pb-time')).toHaveText('0.000000 ms');
  // The moment 0 has run the steps at t = 0: the first submissions, whose maps take effect a few µs on.
  await expect(line).toHaveText(/^0\.0\d{5} ms · CPU \d+ · iommu_dma_map_page: mapped /);
  await expect(page).toHaveURL(/[#&]t=0(&|$)/);
  // Step forward until the first unmap is queued: the line names queue_iova, the entry and its stamp.
  const seen = new Set<string>();
  for (let i = 0; i < 80 && ![...seen].some((s) => s.includes('queue_iova')); i++) {
    await page.keyboard.press('ArrowRight');
    await waitReady(page);
    const text = await line.innerText();
    expect(text).toMatch(/^\d+\.\d{6} ms · CPU \d+ · \w+: |^No trace event yet/);
    seen.add(text);
  }
  const queued = [...seen].find((s) => s.includes('queue_iova: entry'));
  expect(queued).toMatch(/CPU \d+ · queue_iova: entry \d+ stamped \d+; ring \d+ holds \d+\/255/);
  expect([...seen].some((s) => s.includes('iommu_dma_map_page: mapped'))).toBe(true);
  // A jump says what happened there too: the next flush.
  await page.getByRole('button', { name: 'Next flush' }).click();
  await waitReady(page);
  await expect(line).toContainText('fq_flush_iotlb');
});

test('panels are shown and hidden from the page, into the URL; a link hiding every panel says so', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await expect(page.locator('[data-panel]')).toHaveCount(7);
  await page.locator('summary', { hasText: 'Panels (7 of 7)' }).click();
  await page.getByRole('checkbox', { name: 'IOTLB' }).uncheck();
  await page.getByRole('checkbox', { name: 'Counters' }).uncheck();
  await expect(page).toHaveURL(/[#&]pn=queues,timeline,throughput,allocator,pseudo(&|$)/);
  await expect(page.locator('[data-panel]')).toHaveCount(5);
  await expect(page.locator('[data-panel="iotlb"]')).toHaveCount(0);
  await expect(page.locator('summary', { hasText: 'Panels (5 of 7)' })).toBeVisible();
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('[data-panel]')).toHaveCount(7);
  await expect(page).not.toHaveURL(/pn=/);
  // Closed again, as a user does (the open menu sits over the top of the page).
  await page.locator('summary', { hasText: 'Panels (7 of 7)' }).click();

  await page.goto('/#v=2&pn=');
  await waitReady(page);
  await expect(page.locator('[data-panel]')).toHaveCount(0);
  const note = page.getByRole('note');
  await expect(note).toContainText('Every panel is hidden: this view\'s link lists none (pn= is empty)');
  await note.getByRole('button', { name: 'Show all panels' }).click();
  await expect(page.locator('[data-panel]')).toHaveCount(7);
  await expect(page).not.toHaveURL(/pn=/);
});

test('newcomer bugs: five quick → on the time slider move five units; the ring caption names the ring size; the bar counts steps', async ({ page }) => {
  await page.goto('/#v=2&p=tiny-lazy&t=2000000');
  await waitReady(page);
  // tiny-lazy's rings have 16 slots, and the caption says so.
  await expect(page.locator('[data-panel="queues"] .panel-what')).toHaveText(/^One ring of 16 slots per CPU/);
  // The bar's counter is engine steps (a passthrough run takes steps but emits no trace event).
  await expect(page.locator('.pb-now')).toContainText('step');
  const run = await page.getByTestId('pb-time').innerText();
  expect(run).toBe('2.000000 ms');
  // One unit is 1/200 of the run; five presses without waiting add up to five units.
  const end = Number((await page.locator('.pb-end').innerText()).replace(' ms', ''));
  const unit = Math.max(1, Math.round((end * 1e6) / 200));
  await page.locator('#pb-scrub').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await waitReady(page);
  await expect(page.getByTestId('pb-time')).toHaveText(`${((2_000_000 + 5 * unit) / 1e6).toFixed(6)} ms`);
});

for (const t of ['99999999999999', '-5']) {
  test(`t=${t}: the alert says "showing the start", and the page shows the start`, async ({ page }) => {
    await page.goto(`/#v=2&t=${t}`);
    await waitReady(page);
    await expect(page.getByRole('alert')).toContainText('showing the start');
    await expect(page.getByTestId('pb-time')).toHaveText('0.000000 ms');
    await expect(page.getByTestId('pb-start-note')).toHaveCount(0);
  });
}

for (const dur of ['0.5', '0.01']) {
  test(`a run shorter than one 1 ms bucket (dur=${dur}) finishes drawing: the page gets ready`, async ({ page }) => {
    await page.goto(`/#v=2&dur=${dur}`);
    await waitReady(page);
    await expect(page.getByTestId('pb-time')).toHaveText(`${Number(dur).toFixed(6)} ms`);
    // The throughput panel has no whole bucket to plot: it says so, and that counts as drawn.
    await expect(page.locator('[data-panel="throughput"] .panel-empty')).toBeVisible();
  });
}
