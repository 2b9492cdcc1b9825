// Accessibility (issue 7): axe-core over every preset in the registry with no violations, and every
// control reachable by keyboard with a visible focus indicator. Waits for the page's quiescent flag
// (<body data-ready="1">), never for a sleep.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PRESETS } from '../src/sim/presets.ts';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';

failOnConsoleErrors();
failOnForeignRequests();

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 60_000 });
}

for (const p of PRESETS) {
  test(`axe: preset ${p.name} has no violations`, async ({ page }) => {
    await page.goto(`/#p=${p.name}`);
    await waitReady(page);
    const result = await new AxeBuilder({ page }).analyze();
    // On failure, list rule id, impact and the first offending nodes, not the whole report.
    const brief = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(brief).toEqual([]);
  });
}

test('axe: the preset gallery has no violations, previews drawn', async ({ page }) => {
  await page.goto('/#view=gallery');
  const gallery = page.getByRole('region', { name: 'Presets' });
  await expect(gallery.getByRole('listitem')).toHaveCount(PRESETS.length);
  // Every preview finished: its sparkline (an image with a text alternative) is checked too.
  await expect(gallery.locator('figure.preview svg[role="img"]')).toHaveCount(PRESETS.length, { timeout: 60_000 });
  await waitReady(page);
  const result = await new AxeBuilder({ page }).analyze();
  const brief = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(brief).toEqual([]);
  expect(result.passes.length).toBeGreaterThan(10);
});

test('every interactive control is reachable with Tab and shows a visible focus ring', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  // Open every collapsible section, so the controls inside them are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const SELECTOR = 'button, select, input, a[href], [tabindex="0"]';
  const interactive = await page.locator(SELECTOR).evaluateAll(
    (els) => els.filter((e) => !(e as HTMLInputElement).disabled && (e as HTMLElement).checkVisibility()).length,
  );
  expect(interactive).toBeGreaterThan(5);
  const unfocusedRing = new Set<string>();
  // Tab through the page (bounded); mark each element that received focus and check its outline.
  for (let i = 0; i < interactive + 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      el.dataset.tabSeen = '1';
      const cs = getComputedStyle(el);
      const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
      return { id: `${el.tagName}|${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30) ?? ''}`, ring };
    });
    if (info && !info.ring) unfocusedRing.add(info.id);
  }
  expect([...unfocusedRing], 'focused elements without a visible focus indicator').toEqual([]);
  const missed = await page.locator(SELECTOR).evaluateAll((els) =>
    els
      .filter((e) => !(e as HTMLInputElement).disabled && (e as HTMLElement).checkVisibility() && (e as HTMLElement).dataset.tabSeen !== '1')
      .map((e) => `${e.tagName}|${e.getAttribute('aria-label') ?? e.textContent?.slice(0, 30) ?? ''}`),
  );
  expect(missed, 'controls Tab never reached').toEqual([]);
});
