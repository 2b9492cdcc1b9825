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

/**
 * How two PNG pictures of the same size differ, decoded by the page's own browser: the largest
 * difference of any colour channel, and how many pixels differ at all. Used where a picture is
 * compared with another picture of the same page (step forward then back): Chromium's raster
 * anti-aliases the rounded corners of the panels' borders one grey level differently depending
 * on which tiles it repaints (seen: ±1 at 57 corner pixels, nothing else), while any change of
 * content (text, a mark, a bar) differs by far more than a few levels.
 */
export async function pictureDiff(page: Page, a: Buffer, b: Buffer): Promise<{ maxChannel: number; pixels: number; sameSize: boolean }> {
  return page.evaluate(
    async ([x, y]) => {
      const decode = async (b64: string) => {
        const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = c.getContext('2d')!;
        ctx.drawImage(bmp, 0, 0);
        return ctx.getImageData(0, 0, bmp.width, bmp.height);
      };
      const [p, q] = await Promise.all([decode(x), decode(y)]);
      if (p.width !== q.width || p.height !== q.height) return { maxChannel: 255, pixels: -1, sameSize: false };
      let maxChannel = 0;
      let pixels = 0;
      for (let i = 0; i < p.data.length; i += 4) {
        let d = 0;
        for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(p.data[i + k] - q.data[i + k]));
        if (d > 0) pixels++;
        if (d > maxChannel) maxChannel = d;
      }
      return { maxChannel, pixels, sameSize: true };
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}
