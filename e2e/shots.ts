// Full-page pictures for tests that compare two pages with each other (no baseline file).
//
// Why not one page.screenshot({ fullPage: true }): Chromium's captureBeyondViewport (what
// Playwright uses for a full page) resizes the page's viewport for the capture, through 1 × 1 px
// and back (the page gets `resize` events and its ResizeObservers fire). Now and then the page's
// own code runs in between: every panel is laid out and drawn for the 1 px viewport (490 px wide,
// the grid's minimum), and the capture shows those canvases inside the restored 1280 px layout; the
// page redraws them at the right width a frame later. toHaveScreenshot copes by capturing until
// two consecutive pictures agree; this does the same for pictures compared with each other.

import { expect, type Page, type PageScreenshotOptions } from '@playwright/test';

/** A full-page picture the page shows twice in a row (at most `tries` captures). */
export async function stableFullPage(page: Page, options: PageScreenshotOptions = {}, tries = 6): Promise<Buffer> {
  const opts: PageScreenshotOptions = { animations: 'disabled', caret: 'hide', ...options, fullPage: true };
  let last = await page.screenshot(opts);
  for (let i = 1; i < tries; i++) {
    const next = await page.screenshot(opts);
    if (next.equals(last)) return next;
    last = next;
  }
  expect(false, `the page did not give the same picture twice in ${tries} captures`).toBe(true);
  return last;
}
