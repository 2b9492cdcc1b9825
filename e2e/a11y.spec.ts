// Accessibility (issue 7): axe-core over every preset in the registry with no violations, and every
// control reachable by keyboard with a visible focus indicator. Waits for the page's quiescent flag
// (<body data-ready="1">), never for a sleep.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PRESETS } from '../src/sim/presets.ts';

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

test('every interactive control is reachable with Tab and shows a visible focus ring', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const interactive = await page
    .locator('button:visible, select:visible, input:visible, a[href]:visible, [tabindex="0"]:visible')
    .evaluateAll((els) => els.filter((e) => !(e as HTMLInputElement).disabled).length);
  expect(interactive).toBeGreaterThan(5);
  const seen = new Set<string>();
  let unfocusedRing: string[] = [];
  // Tab through the page once (bounded); record each focused element and whether it has an outline.
  for (let i = 0; i < interactive + 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
      const id = `${el.tagName}#${el.id}|${el.getAttribute('aria-label') ?? ''}|${el.textContent?.slice(0, 30) ?? ''}`;
      return { id, ring };
    });
    if (!info) continue;
    if (!info.ring) unfocusedRing.push(info.id);
    seen.add(info.id);
  }
  unfocusedRing = [...new Set(unfocusedRing)];
  expect(unfocusedRing, 'focused elements without a visible focus indicator').toEqual([]);
  expect(seen.size).toBeGreaterThanOrEqual(interactive);
});
