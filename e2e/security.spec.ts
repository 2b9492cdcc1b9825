// Security (issue 14): the built page carries its Content-Security-Policy (vite.config.ts CSP) and
// works under it — playing, stepping, the preset previews' worker, fonts — with no violation; an
// inline script is refused and the policy allows no eval. And nothing from the URL is ever inserted as HTML: hostile
// values come back as text in the messages that name them.

import { expect, test, type Page } from '@playwright/test';
import { failOnForeignRequests } from './guards.ts';
import { CSP } from '../vite.config.ts';

failOnForeignRequests();
// The policy is enforced here (the config bypasses it elsewhere so screenshots can inject styles).
test.use({ bypassCSP: false });

/** Records CSP violations and console errors from the start of the page. */
async function watch(page: Page): Promise<{ errors: string[] }> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { errors };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('the built page has the policy and works under it: no violation while loading, playing, stepping and in the gallery', async ({ page }) => {
  test.setTimeout(120_000);
  const { errors } = await watch(page);
  await page.goto('/');
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute('content', CSP);
  for (const d of ["script-src 'self'", "connect-src 'self'", "worker-src 'self'"]) expect(CSP).toContain(d);
  expect(CSP).not.toMatch(/unsafe-(inline|eval)/);
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
  await page.getByRole('button', { name: '▶ Play' }).click();
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  await page.keyboard.press('ArrowRight');
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
  // the gallery's previews run in their own worker
  await page.goto('/#v=3&view=gallery');
  await expect(page.locator('.gallery canvas, .gallery svg').first()).toBeVisible({ timeout: 90_000 });
  expect(await violations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('under the policy an inline script is refused (and the policy allows no eval)', async ({ page }) => {
  const { errors } = await watch(page);
  await page.goto('/');
  // Playwright's evaluate runs over the DevTools protocol, which the page's CSP does not govern
  // (eval inside it runs), so eval is checked through the policy text: no 'unsafe-eval' (above).
  const inline = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = 1';
    document.head.append(s);
    return (window as unknown as { inlineRan?: number }).inlineRan ?? null;
  });
  expect(inline).toBe(null);
  await expect.poll(() => violations(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/)]));
  // the refusal is logged by the browser; nothing else is
  expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
});

test('hostile values in the URL are shown as text, never inserted as HTML', async ({ page }) => {
  const { errors } = await watch(page);
  const img = '<img src=x onerror="window.pwned=1">';
  const script = '<script>window.pwned=2</script>';
  const hash = `#v=3&mode=${encodeURIComponent(img)}&${encodeURIComponent(script)}=1&p=${encodeURIComponent('<b>bold</b>')}`;
  await page.goto(`/${hash}`);
  const alert = page.getByTestId('url-errors');
  await expect(alert).toContainText(`mode: "${img}" rejected`);
  await expect(alert).toContainText(`${script}: unknown key, ignored`);
  await expect(alert).toContainText('p: unknown preset "<b>bold</b>"');
  // the text is there, no element was made from it, nothing ran
  expect(await page.locator('#root img, #root script, #root b').count()).toBe(0);
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null)).toBe(null);
  expect(await violations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
