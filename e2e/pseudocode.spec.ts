// The pseudocode panel and the glossary (issue 15): the focused CPU's highlighted line follows the
// playback step by step; the SAC line's version marker follows the kernel version (791c2b17fb40,
// v6.6); a glossary term opens its definition by keyboard and closes with Escape; the Glossary
// dialog lists the terms; axe finds no violations with the panel, a popover and the dialog open.
// Waits for <body data-ready="1">, never sleeps.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';

failOnConsoleErrors();
failOnForeignRequests();

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
}

async function axeBrief(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** What the panel marks: the current, caller and last-run lines, and the status sentence. */
async function marks(page: Page): Promise<string> {
  const panel = page.locator('[data-panel="pseudo"]');
  const lines = await panel.locator('.pseudo-line.cur, .pseudo-line.caller, .pseudo-line.last').evaluateAll((els) => els.map((e) => `${e.className}=${e.getAttribute('data-line')}`));
  return `${lines.join(' ')} | ${await panel.getByTestId('pseudo-status').innerText()}`;
}

test('the highlighted line follows the focused CPU as the playback steps', async ({ page }) => {
  test.setTimeout(120_000);
  // One CPU: every engine step is the focused CPU's.
  await page.goto('/#v=3&cpus=1&dur=5&t=0');
  await waitReady(page);
  const panel = page.locator('[data-panel="pseudo"]');
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText('Pseudocode: the unmap path and the IOVA caches');
  await expect(panel.locator('[aria-current="step"]')).toHaveCount(1);
  const seen = new Set<string>([await marks(page)]);
  const lines = new Set<string>();
  const ran = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('ArrowRight');
    await waitReady(page);
    seen.add(await marks(page));
    const cur = await panel.locator('[aria-current="step"]').getAttribute('data-line');
    expect(cur).toMatch(/^[\w]+:\d+$/);
    lines.add(cur!);
    for (const l of await panel.locator('.pseudo-line.last').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')!))) ran.add(l);
  }
  // Parked between I/Os (the driver's loop) and before queue_iova's spin_lock, at least; the lines
  // each step ran include the lazy unmap's entry add and the map's allocation.
  expect([...lines].sort()).toEqual(expect.arrayContaining(['driver:2', 'queue_iova:3']));
  expect(seen.size).toBeGreaterThan(3);
  expect([...ran].some((l) => l.startsWith('queue_iova:'))).toBe(true);
  expect([...ran].some((l) => /^(__iova_rcache_get|alloc_iova_fast):/.test(l))).toBe(true);
  for (const l of [...lines, ...ran]) await expect(panel.locator(`[data-tour="pseudo:${l}"]`)).toHaveCount(1);
  // The status sentence names the function and line of the highlighted line.
  const cur = (await panel.locator('[aria-current="step"]').getAttribute('data-line'))!;
  const [fn, n] = cur.split(':');
  await expect(panel.getByTestId('pseudo-status')).toContainText(`CPU 0 is at ${fn} line ${n}`);
});

test('the SAC line’s version marker follows the kernel version (6.5 vs 6.6, 791c2b17fb40)', async ({ page }) => {
  await page.goto('/#v=3&kv=6.5&pn=pseudo');
  await waitReady(page);
  const sac = page.locator('[data-tour="pseudo:iommu_dma_alloc_iova:1"]');
  const marker = sac.getByRole('button');
  // The line's own words (its tooltip quotes the other version's too).
  await expect(sac.locator('code')).toContainText('on every allocation');
  await expect(marker).toHaveText('Δ 5.4–6.5');
  await expect(marker).toHaveAccessibleDescription(/791c2b17fb40.*Kernel 6\.5.*In 6\.6–6\.12: /);
  // The tooltip shows on keyboard focus.
  await marker.focus();
  await expect(sac.getByRole('tooltip')).toBeVisible();

  await page.goto('/#v=3&kv=6.6&pn=pseudo');
  await page.reload();
  await waitReady(page);
  await expect(sac.locator('code')).toContainText('pci_32bit_workaround still set');
  await expect(sac.locator('code')).not.toContainText('on every allocation');
  await expect(marker).toHaveText('Δ 6.6–6.12');
  await expect(marker).toHaveAccessibleDescription(/791c2b17fb40.*Kernel 6\.6.*In 5\.4–6\.5: /);
  await expect(page.locator('[data-tour="pseudo:iommu_dma_alloc_iova:3"] code')).toContainText('pci_32bit_workaround = false');
});

test('a glossary term opens its definition by keyboard; the Glossary dialog lists every term; axe is clean', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#v=3&t=2000000');
  await waitReady(page);
  // The IOTLB panel's title is a glossary term.
  const term = page.locator('[data-panel="iotlb"] h3 button[data-term="iotlb"]');
  await term.focus();
  await expect(term).toHaveAttribute('aria-expanded', 'false');
  // Closed, the definition is not part of the heading's text.
  await expect(page.locator('[data-panel="iotlb"] h3')).toHaveText('IOTLB');
  await page.keyboard.press('Enter');
  await expect(term).toHaveAttribute('aria-expanded', 'true');
  const pop = page.locator(`#${(await term.getAttribute('aria-controls'))!.replace(/:/g, '\\:')}`);
  await expect(pop).toBeVisible();
  await expect(pop).toContainText('translation cache');
  await expect(pop.getByRole('link', { name: 'Show it in the tour' })).toHaveAttribute('href', /#.*tour=stale&step=1$/);
  expect(await axeBrief(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(pop).toBeHidden();
  await expect(term).toBeFocused();
  // Space toggles it too (and does not start the playback).
  await page.keyboard.press('Space');
  await expect(term).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('body')).not.toHaveAttribute('data-status', 'playing');
  await page.keyboard.press('Space');
  await expect(term).toHaveAttribute('aria-expanded', 'false');

  await page.getByRole('button', { name: 'Glossary' }).click();
  const dialog = page.getByRole('dialog', { name: 'Glossary' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('dt', { hasText: /^magazine$/ })).toHaveCount(1);
  await expect(dialog.locator('dt', { hasText: /^fq_flush_finish_cnt$/ })).toHaveCount(1);
  expect(await axeBrief(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Glossary' })).toBeFocused();
});

test('axe: the pseudocode panel with a version tooltip pinned has no violations; its picture is stable', async ({ page }) => {
  test.setTimeout(120_000);
  // Tall enough that the whole panel is below the sticky playback bar without scrolling.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.goto('/#v=3&kv=6.5&cpus=4&fc=1&t=3000000&pn=pseudo,counters');
  await waitReady(page);
  const panel = page.locator('[data-panel="pseudo"]');
  await expect(panel.locator('[aria-current="step"]')).toHaveCount(1);
  await expect(panel).toHaveScreenshot('pseudo-panel.png');
  // A click (or a tap) pins a marker's tooltip.
  await panel.locator('[data-tour="pseudo:iova_rcache_insert:2"]').getByRole('button').click();
  await expect(panel.locator('.pseudo-tip.pinned')).toBeVisible();
  expect(await axeBrief(page)).toEqual([]);
});
