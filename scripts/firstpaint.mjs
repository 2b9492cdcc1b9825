#!/usr/bin/env node
// Time from navigation to the first drawn panels (issue 13, item 1), in headless Chromium.
//
//   npx vite build --outDir /tmp/lab-build && npx vite preview --outDir /tmp/lab-build --port 4301 &
//   node scripts/firstpaint.mjs [baseURL[,baseURL2...]] [runs] [hash]
//
// Several comma-separated base URLs (e.g. a build of the base commit and one of the change) are
// measured in turn, A B A B …, so a machine whose load drifts affects both alike.
// Each run opens a fresh page at `hash` (default: the default scenario) and reports, in ms since
// navigation start (performance.now() in the page):
//   - panels: every panel (`.panel`) carries a `data-frame` (src/panels/frame.ts writes it once
//     the panel has drawn a moment of the run), i.e. the first picture is on the page;
//   - ready: <body data-ready="1"> (the whole run simulated, its summary shown, everything drawn).
// A MutationObserver installed before any page script records both. It prints each run, then the
// median and the spread (min..max) of each. No pass/fail: the numbers go to docs/benchmarks.md.

import { chromium } from '@playwright/test';

const bases = (process.argv[2] ?? 'http://127.0.0.1:4301/').split(',');
const runs = Number(process.argv[3] ?? 7);
const hash = process.argv[4] ?? '';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});

function watch() {
  const marks = { panels: null, ready: null };
  window.labFirstPaint = marks;
  const check = () => {
    const panels = document.querySelectorAll('.panel');
    if (marks.panels === null && panels.length > 0 && [...panels].every((p) => p.hasAttribute('data-frame'))) marks.panels = performance.now();
    if (marks.ready === null && document.body?.dataset.ready === '1') marks.ready = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-frame', 'data-ready'] });
}

const results = new Map(bases.map((b) => [b, []]));
for (let i = 0; i < runs; i++) {
  for (const base of bases) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(watch);
    const page = await context.newPage();
    await page.goto(new URL(hash, base).href);
    await page.waitForFunction(() => window.labFirstPaint?.ready !== null && window.labFirstPaint?.panels !== null, undefined, { timeout: 600_000, polling: 50 });
    const m = await page.evaluate(() => window.labFirstPaint);
    results.get(base).push(m);
    console.log(`${base} run ${i + 1}: panels ${m.panels.toFixed(0)} ms, ready ${m.ready.toFixed(0)} ms`);
    await context.close();
  }
}
await browser.close();

const stat = (rs, k) => {
  const xs = rs.map((r) => r[k]).sort((a, b) => a - b);
  const mid = xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  return `median ${mid.toFixed(0)} ms (min ${xs[0].toFixed(0)}, max ${xs.at(-1).toFixed(0)})`;
};
for (const [base, rs] of results) {
  console.log(`${runs} runs of ${new URL(hash, base).href}`);
  console.log(`  first drawn panels: ${stat(rs, 'panels')}`);
  console.log(`  ready (whole run):  ${stat(rs, 'ready')}`);
}
