// Shared by every e2e file: a test fails if the page logged a console error or threw, or if any
// page of the test asked for anything from an origin other than the preview server's.

import { expect, test, type BrowserContext } from '@playwright/test';

/** Registers beforeEach/afterEach hooks in the calling spec file that fail a test on page errors. */
export function failOnConsoleErrors(): void {
  let consoleErrors: string[] = [];
  test.beforeEach(({ page }) => {
    consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });
  test.afterEach(() => {
    expect(consoleErrors, 'console errors').toEqual([]);
  });
}

/** URLs requested in the current test, and those from another origin. */
let requested: string[] = [];
let foreign: string[] = [];
let allowedOrigin = '';

/** blob: and data: URLs are made by the page itself; everything else must come from the server. */
function isForeign(url: string): boolean {
  if (url.startsWith('blob:') || url.startsWith('data:')) return false;
  return new URL(url).origin !== allowedOrigin;
}

/**
 * Watches every request of a browser context: the test's own (done by failOnForeignRequests) and
 * any a test opens itself (`browser.newContext()`), which must be passed here.
 */
export function watchRequests(ctx: BrowserContext): void {
  ctx.on('request', (r) => {
    const url = r.url();
    requested.push(url);
    if (isForeign(url)) foreign.push(url);
  });
}

/**
 * Registers hooks that fail a test if any request (pages, workers, fonts, fetches) went to an
 * origin other than the preview server's (the "no request to any other origin", checked
 * for the whole suite rather than one page). The test must have loaded something: a listener that
 * saw nothing would prove nothing.
 */
export function failOnForeignRequests(): void {
  test.beforeEach(({ context, baseURL }) => {
    requested = [];
    foreign = [];
    allowedOrigin = new URL(baseURL!).origin;
    watchRequests(context);
  });
  test.afterEach(() => {
    // A test that skipped itself (e.g. the soak test without LAB_SOAK_MIN) loaded nothing to check.
    if (test.info().status === 'skipped') return;
    expect(requested.length, 'requests seen by the origin guard').toBeGreaterThan(0);
    expect(foreign, 'requests to another origin').toEqual([]);
  });
}
