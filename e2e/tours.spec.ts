// Guided tours (issue 15): every chapter runs end to end from its link, step by step with the
// keyboard, with a screenshot per step; each step lands on the event the Node scan pins
// (src/sim/tour/scan.test.ts: same event index and simulated time in the browser); a predict step
// asks before it reveals; `#tour=timeout&step=4` opens that step from a fresh page; a bad `step`
// is named and the rest of the link kept; axe is clean with the tour open. Waits for the page's
// quiescent flag and the tour panel's own flags, never sleeps.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CHAPTERS } from '../src/sim/tour/chapters.ts';
import { scanChapter } from '../src/sim/tour/scan.ts';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';

failOnConsoleErrors();
failOnForeignRequests();

const panel = (page: Page) => page.locator('.tour-panel');

/** The tour shows step n, the playback is paused at its moment and every panel has drawn it. */
async function atStep(page: Page, n: number): Promise<void> {
  await expect(panel(page)).toHaveAttribute('data-tour-step', String(n), { timeout: 60_000 });
  await expect(panel(page)).toHaveAttribute('data-tour-ready', '1', { timeout: 60_000 });
  await page.locator('.tour-step[data-tour-at="1"]').waitFor({ timeout: 60_000 });
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 60_000 });
}

for (const ch of CHAPTERS) {
  test(`tour ${ch.id}: every step, at the pinned event, with a screenshot`, async ({ page }) => {
    test.setTimeout(240_000);
    const hits = scanChapter(ch).hits;
    await page.goto(`/#tour=${ch.id}&step=1`);
    for (const hit of hits) {
      await expect(panel(page)).toHaveAttribute('data-tour-step', String(hit.step), { timeout: 60_000 });
      await expect(panel(page)).toHaveAttribute('data-tour-index', String(hit.index), { timeout: 120_000 });
      await expect(panel(page)).toHaveAttribute('data-tour-t', String(hit.t));
      await expect(panel(page).locator('.tour-progress')).toHaveText(`Step ${hit.step} of ${hits.length}`);
      // The live region reads the step out as it opens.
      await expect(panel(page).locator('p[aria-live]').first()).toContainText(`Step ${hit.step} of ${hits.length}.`);
      if (hit.predict) {
        // Asked before the event: the narration waits for an answer.
        await expect(panel(page).locator('.tour-text')).toHaveCount(0);
        await panel(page).getByRole('button', { name: hit.predict.options[hit.predict.answer], exact: true }).click();
        await expect(panel(page).locator('.tour-verdict')).toContainText('Right.');
      }
      await expect(panel(page).locator('.tour-text')).toHaveText(hit.text);
      await atStep(page, hit.step);
      // The moment shown is the event's (the URL carries it, as Share would).
      // (The address bar is written at most every 400 ms: src/ui/hashSync.ts.)
      await expect.poll(() => new URL(page.url()).hash).toMatch(new RegExp(`tour=${ch.id}&step=${hit.step}&t=${hit.t}$`));
      await expect(page).toHaveScreenshot(`tour-${ch.id}-${hit.step}.png`, { mask: [page.getByTestId('wall-ms')] });
      if (hit.step < hits.length) {
        await panel(page).focus();
        await page.keyboard.press('ArrowRight');
      }
    }
    await expect(panel(page).getByRole('button', { name: 'Next →' })).toBeDisabled();
  });
}

test('#tour=timeout&step=4 from a fresh page shows that step; Share carries it; Esc leaves and keeps the moment', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const hit = scanChapter(CHAPTERS.find((c) => c.id === 'timeout')!).hits[3];
  await page.goto('/#tour=timeout&step=4');
  await expect(panel(page)).toHaveAttribute('data-tour-index', String(hit.index), { timeout: 120_000 });
  await expect(panel(page).locator('.tour-progress')).toHaveText('Step 4 of 6');
  await expect(panel(page).getByRole('group', { name: 'Predict' })).toBeVisible();
  // A wrong answer is told the right one.
  const wrong = hit.predict!.options.findIndex((_, i) => i !== hit.predict!.answer);
  await panel(page).getByRole('button', { name: hit.predict!.options[wrong], exact: true }).click();
  await expect(panel(page).locator('.tour-verdict')).toContainText(`Not quite: the answer is “${hit.predict!.options[hit.predict!.answer]}”`);
  await atStep(page, 4);
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`#v=4&p=tiny-lazy&tour=timeout&step=4&t=${hit.t}$`));
  await panel(page).focus();
  await page.keyboard.press('ArrowLeft');
  await atStep(page, 3);
  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
  // Leaving keeps the scenario and the moment of step 3.
  await expect.poll(() => new URL(page.url()).hash).toBe(`#v=4&p=tiny-lazy&t=${scanChapter(CHAPTERS.find((c) => c.id === 'timeout')!).hits[2].t}`);
});

test('a bad step is named and the rest of the link kept', async ({ page }) => {
  await page.goto('/#tour=stale&step=99&fc=1');
  await expect(page.getByRole('alert')).toContainText('step: "99" is not a step of the stale tour; expected 1 to 3; opening step 1');
  await expect(panel(page)).toHaveAttribute('data-tour-step', '1');
  await expect(panel(page)).toHaveAttribute('data-tour-ready', '1', { timeout: 60_000 });
  await page.goto('/#tour=nope&seed=3');
  await expect(page.getByRole('alert')).toContainText('tour: unknown chapter "nope"');
  await expect(panel(page)).toHaveCount(0);
});

test('the Tours menu opens a chapter; axe is clean with the tour open', async ({ page }) => {
  await page.goto('/');
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByText('Tours', { exact: true }).click();
  await page.getByRole('button', { name: 'The stale window' }).click();
  await atStep(page, 1);
  await expect(panel(page)).toBeFocused();
  await expect(page.locator('.tour-highlight').first()).toBeVisible();
  const result = await new AxeBuilder({ page }).analyze();
  const brief = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(brief).toEqual([]);
});
