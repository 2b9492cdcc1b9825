// Accessibility (issue 7): axe-core over every preset in the registry with no violations, and every
// control reachable by keyboard with a visible focus indicator, on the lab, the gallery and the
// states with controls of their own (URL alert, help dialog, Share's fallback field). Waits for the
// page's quiescent flag (<body data-ready="1">), never for a sleep.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PRESETS } from '../src/sim/presets.ts';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';

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

/** Everything a keyboard user can reach: form controls, links, summaries, tabindex >= 0. */
const FOCUSABLE = 'button, select, input, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tabs through the whole page (wrapping around once) and checks, for every element that takes
 * focus, that focusing it visibly changes it: the outline or box-shadow of the element or of one of
 * its three nearest ancestors (the gallery draws a link's ring on its card) differs from what it
 * was before anything was focused, and the focused state shows a ring (an outline at least 1 px wide
 * in a colour that is not transparent, or a box-shadow). Returns the controls inside `scope` that
 * Tab never reached and the focused elements without a visible change.
 */
async function tabThrough(page: Page, scope: string): Promise<{ missed: string[]; noRing: string[]; reached: number }> {
  // The unfocused look of every control and its ancestors, recorded with nothing focused.
  const count = await page.evaluate((sel) => {
    (document.activeElement as HTMLElement | null)?.blur();
    const w = window as unknown as { labLook: Map<Element, string[]> };
    w.labLook = new Map();
    for (const el of document.querySelectorAll(sel)) {
      const out: string[] = [];
      for (let e: Element | null = el, k = 0; e && k < 4; e = e.parentElement, k++) {
        const cs = getComputedStyle(e);
        out.push(`${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} | ${cs.boxShadow}`);
      }
      w.labLook.set(el, out);
    }
    return w.labLook.size;
  }, FOCUSABLE);
  const noRing = new Set<string>();
  let reached = 0;
  for (let i = 0; i < count + 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      el.dataset.tabSeen = '1';
      const id = `${el.tagName}|${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''}`;
      const before = (window as unknown as { labLook: Map<Element, string[]> }).labLook.get(el);
      if (!before) return { id, ring: false };
      let ring = false;
      for (let e: Element | null = el, k = 0; e && k < 4; e = e.parentElement, k++) {
        const cs = getComputedStyle(e);
        const now = `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} | ${cs.boxShadow}`;
        if (now === before[k]) continue;
        const transparent = /^rgba\(.*, 0\)$|^transparent$/.test(cs.outlineColor);
        if ((cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1 && !transparent) || cs.boxShadow !== 'none') ring = true;
      }
      return { id, ring };
    });
    if (!info) continue;
    reached++;
    if (!info.ring) noRing.add(info.id);
  }
  const missed = await page.locator(scope).locator(FOCUSABLE).evaluateAll((els) =>
    els
      .filter((e) => !(e as HTMLInputElement).disabled && (e as HTMLElement).checkVisibility() && (e as HTMLElement).dataset.tabSeen !== '1')
      .map((e) => `${e.tagName}|${e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 30) ?? ''}`),
  );
  return { missed, noRing: [...noRing], reached };
}

/** The pages and states with controls of their own, each with the part whose controls must all be reached. */
const KEYBOARD: { name: string; scope: string; open: (page: Page) => Promise<void> }[] = [
  {
    name: 'the lab, every collapsible section open',
    scope: 'body',
    open: async (page) => {
      await page.goto('/');
      await waitReady(page);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      // The scenario form is folded behind a button (ScenarioBar), not a <details>.
      await openScenarioForm(page);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    },
  },
  {
    name: 'the preset gallery',
    scope: 'body',
    open: async (page) => {
      await page.goto('/#view=gallery');
      await expect(page.locator('figure.preview svg[role="img"]')).toHaveCount(PRESETS.length, { timeout: 60_000 });
      await waitReady(page);
    },
  },
  {
    name: 'the URL alert of an invalid link',
    scope: '[role="alert"]',
    open: async (page) => {
      await page.goto('/#v=3&fc=999');
      await waitReady(page);
      await expect(page.getByRole('alert').getByRole('button')).toHaveCount(1);
    },
  },
  {
    name: 'the keyboard help dialog',
    scope: '[role="dialog"]',
    open: async (page) => {
      await page.goto('/');
      await waitReady(page);
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('button', { name: 'Close' })).toBeFocused();
    },
  },
  {
    name: 'Share with the clipboard refused (the link in a text field)',
    scope: '.share',
    open: async (page) => {
      await page.addInitScript(() => {
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
      });
      await page.goto('/');
      await waitReady(page);
      await page.getByRole('button', { name: 'Share link' }).click();
      await expect(page.getByRole('textbox', { name: 'Link to this view' })).toBeFocused();
    },
  },
];

for (const k of KEYBOARD) {
  test(`keyboard: ${k.name}: every control reachable with Tab, with a visible focus indicator`, async ({ page }) => {
    await k.open(page);
    const inScope = await page.locator(k.scope).locator(FOCUSABLE).count();
    expect(inScope, 'controls to reach').toBeGreaterThan(0);
    const r = await tabThrough(page, k.scope);
    expect(r.reached).toBeGreaterThan(inScope);
    expect(r.noRing, 'focused elements without a visible focus indicator').toEqual([]);
    expect(r.missed, 'controls Tab never reached').toEqual([]);
  });
}
