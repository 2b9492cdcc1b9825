// Shareable URLs (issue 6): Share copies a link that reproduces the scenario, moment and view in a
// fresh browser; Back/Forward walk through preset changes; a hostile hash is reported part by part
// and injects nothing; the gallery lists every preset of the registry. Waits for the page's
// quiescent flag (document.body.dataset.ready === '1'), never sleeps; asserts on text and ARIA and
// compares screenshots of two pages with each other instead of keeping baselines.

import { expect, test, type Browser, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests, watchRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';
import { PRESETS } from '../src/sim/presets.ts';
import { stableFullPage } from './shots.ts';

async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready);
}

/** A new browser context with the project's options: nothing shared with the first page. */
async function freshPage(browser: Browser): Promise<Page> {
  const { viewport, deviceScaleFactor, colorScheme, locale, timezoneId, reducedMotion, baseURL } = test.info().project.use;
  const ctx = await browser.newContext({ viewport, deviceScaleFactor, colorScheme, locale, timezoneId, reducedMotion, baseURL });
  watchRequests(ctx);
  return ctx.newPage();
}

/** What the scenario section says: its text and every control's value. */
async function scenarioText(page: Page): Promise<string> {
  const section = page.getByRole('region', { name: 'Scenario' });
  return section.evaluate((el) => {
    const values = [...el.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')].map((c) =>
      c instanceof HTMLInputElement && c.type === 'checkbox' ? `${c.name || c.id}=${c.checked}` : `${c.name || c.id}=${c.value}`,
    );
    return `${(el as HTMLElement).innerText}\n${values.join('\n')}`;
  });
}

/**
 * The whole page, as the user sees it (stableFullPage: see shots.ts). The worker's wall-clock time
 * of the summary run (RunStatus's "wall-clock time in the worker: N ms", a box of at least 6em) is
 * the one thing that is not state: it differs between any two runs, so it is painted over, in both
 * pages alike. Everything else is compared, pixel for pixel.
 */
async function fullPage(page: Page): Promise<Buffer> {
  await expect(page.getByTestId('wall-ms')).toHaveText(/^[\d,]+ ms$/);
  return stableFullPage(page, { mask: [page.getByTestId('wall-ms')] });
}

failOnConsoleErrors();
failOnForeignRequests();

test('Share copies a link that reproduces scenario, moment and view in a fresh browser', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#v=3&p=tiny-lazy&seed=7&cpus=3&fc=2&pn=queues,iotlb&t=1234567');
  await waitReady(page);
  await openScenarioForm(page);
  await page.getByLabel('Mode', { exact: true }).selectOption('strict'); // an edit made in the page
  await waitReady(page);
  // The form folds away again: whether it is open is the reader's own business, not part of the
  // shared view (a link always opens with it folded).
  await page.getByRole('button', { name: 'Hide the form ▴' }).click();
  // The edit also made the run before it this tab's comparison (the results' dashed reference line
  // and notes, issue 18): history of this tab, which no link carries. Reloading keeps the edit (the
  // address bar has it) and drops that history, so the page shows only what a link can reproduce.
  await expect(page).toHaveURL(/[#&]mode=strict(&|$)/);
  await expect(page.getByTestId('reading-reference')).toHaveCount(1);
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('reading-reference')).toHaveCount(0);
  // The view being shared: the whole page as it is when Share is pressed (nothing focused, the
  // pointer away). Share's own feedback ("Link copied", next to the button) answers the click; it
  // is not part of the view, so the picture is taken just before the click.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  const shotA = await fullPage(page);

  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByTestId('share-feedback')).toHaveText('Link copied');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const hash = new URL(url).hash;
  expect(hash).toBe('#v=4&p=tiny-lazy&seed=7&mode=strict&cpus=3&fc=2&pn=queues,iotlb&t=1234567');
  expect(new URL(url).origin).toBe(new URL(page.url()).origin);

  const other = await freshPage(browser);
  await other.goto(url);
  await waitReady(other);
  await expect(other.getByRole('alert')).toHaveCount(0);
  await expect(other.getByTestId('share-feedback')).toHaveText('');
  expect(new URL(other.url()).hash).toBe(hash);
  expect(await scenarioText(other)).toBe(await scenarioText(page));
  await expect(other.getByTestId('trace-hash')).toHaveText(await page.getByTestId('trace-hash').innerText());
  const shotB = await fullPage(other);
  if (!shotB.equals(shotA)) {
    await test.info().attach('original', { body: shotA, contentType: 'image/png' });
    await test.info().attach('opened from the link', { body: shotB, contentType: 'image/png' });
  }
  expect(shotB.equals(shotA), 'the page opened from the link looks like the original, pixel for pixel').toBe(true);
  await other.context().close();
});

test('when the clipboard is refused, Share shows the link selected in a text field', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await page.goto('/#v=3&p=passthrough&fc=4');
  await waitReady(page);
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByTestId('share-feedback')).toHaveText(/Copying was blocked; the link is selected below/);
  const field = page.getByRole('textbox', { name: 'Link to this view' });
  await expect(field).toHaveValue(/#v=4&p=passthrough&fc=4$/);
  await expect(field).toBeFocused();
  const [start, end, len] = await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.value.length]);
  expect([start, end]).toEqual([0, len]);
});

test('an old preset name still opens its preset: p=cliff is timeout-flood (issue 20), with no complaint', async ({ page }) => {
  await page.goto('/#v=3&p=cliff&t=1000');
  await waitReady(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await openScenarioForm(page);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('timeout-flood');
  await expect(page.getByLabel('CPUs', { exact: true })).toHaveValue('64');
});

test('Back and Forward after a preset change restore the scenario and the moment', async ({ page }) => {
  await page.goto('/#v=3&p=tiny-lazy&t=1000');
  await waitReady(page);
  await openScenarioForm(page);
  await page.getByLabel('Preset', { exact: true }).selectOption('steady-strict');
  await expect(page).toHaveURL(/#v=4&p=steady-strict$/);
  await waitReady(page);

  await page.goBack();
  await expect(page).toHaveURL(/#v=3&p=tiny-lazy&t=1000$/);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('tiny-lazy');
  await expect(page.getByLabel('CPUs', { exact: true })).toHaveValue('2');
  await waitReady(page);

  await page.goForward();
  await expect(page).toHaveURL(/#v=4&p=steady-strict$/);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('steady-strict');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('strict');
  await waitReady(page);
});

test('a hostile hash: each rejected part named in the alert, nothing injected, the valid parts kept', async ({ page }) => {
  const img = '<img src=x onerror="window.xssFired=1">';
  const hostile = [
    'v=3',
    'seed=31',
    `p=${encodeURIComponent(img)}`,
    `${encodeURIComponent('<script>window.xssFired=2</script>')}=1`,
    `w=${encodeURIComponent('<svg onload="window.xssFired=3">')}`,
    'fc=999',
    `pn=queues,${encodeURIComponent('<b>bold</b>')}`,
    'view=<i>',
    't=-5',
    `pad=${'A'.repeat(5000)}`,
  ].join('&');
  await page.goto(`/#${hostile}`);
  await waitReady(page);
  const alert = page.getByRole('alert');
  const items = alert.getByRole('listitem');
  await expect(items.filter({ hasText: /^the URL hash is \d+ characters long; only the first 4000 are read$/ })).toHaveCount(1);
  await expect(items.filter({ hasText: `p: unknown preset "${img}"` })).toHaveCount(1);
  await expect(items.filter({ hasText: '<script>window.xssFired=2</script>: unknown key, ignored' })).toHaveCount(1);
  await expect(items.filter({ hasText: /^w: the workload blob contains characters a blob never has/ })).toHaveCount(1);
  await expect(items.filter({ hasText: /^fc: "999" is not a CPU of this scenario/ })).toHaveCount(1);
  await expect(items.filter({ hasText: 'pn: unknown panel "<b>bold</b>"' })).toHaveCount(1);
  await expect(items.filter({ hasText: /^view: "<i>" is not a view/ })).toHaveCount(1);
  await expect(items.filter({ hasText: /^t: "-5" is not a time/ })).toHaveCount(1);
  // The padding key is cut by the length cap, so it is the one part not named.
  await expect(items).toHaveCount(9);
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('31');
  // Nothing from the URL became markup or ran: the page's HTML holds it only as escaped text.
  await expect(alert.locator('img, script, svg, b, i')).toHaveCount(0);
  const html = await page.evaluate(() => document.documentElement.innerHTML);
  for (const raw of ['<img src=x', '<img src="x"', '<script>window', '<svg onload', '<b>bold', '<i>']) expect(html, raw).not.toContain(raw);
  expect(html).toContain('&lt;img src=x onerror=');
  expect(await page.evaluate(() => (window as unknown as { xssFired?: number }).xssFired)).toBeUndefined();
});

test('the gallery lists every preset of the registry, previews them, and a pick navigates with history', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByRole('button', { name: 'Preset gallery' }).click();
  await expect(page).toHaveURL(/#v=4&view=gallery$/);
  const gallery = page.getByRole('region', { name: 'Presets' });
  const items = gallery.getByRole('listitem');
  await expect(items).toHaveCount(PRESETS.length);
  for (const [i, p] of PRESETS.entries()) {
    const link = items.nth(i).getByRole('link', { name: p.name, exact: true });
    await expect(link).toHaveAccessibleDescription(p.description);
    await expect(link).toHaveAttribute('href', p.name === 'default' ? '#v=4' : `#v=4&p=${p.name}`);
  }
  await expect(gallery.getByRole('link', { name: 'default', exact: true })).toHaveAttribute('aria-current', 'true');
  // The cheapest preview (tiny-lazy, 2 CPUs) finishes first: a sparkline with its numbers as text.
  await expect(gallery.getByTestId('preview-tiny-lazy').getByRole('img')).toHaveAccessibleName(/^IOPS over the 30 ms: mean [\d.]+k?, from/);

  // Keyboard: focus a preset's link and press Enter.
  const target = PRESETS[PRESETS.length - 1].name;
  await gallery.getByRole('link', { name: target, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#v=4&p=${target}$`));
  await expect(page.getByRole('region', { name: 'Scenario' })).toBeVisible();
  await waitReady(page);
  await page.goBack();
  await expect(page.getByRole('region', { name: 'Presets' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('region', { name: 'Scenario' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});
