#!/usr/bin/env node
// Frame time while playing (issue 5 evidence), measured in headless Chromium from a Chrome trace.
//
//   npx vite build && npx vite preview --port 4301 &   # or any served build
//   node scripts/frametime.mjs [baseURL] [seconds] [views] [cpus]
//
// For 16, 64 and 256 CPUs it opens the default preset, waits for <body data-ready="1">, plays at
// full speed and traces the renderer's main thread. `views` (default `panels`) is a comma list of
// where the page is scrolled: `panels` puts the panels' top just under the sticky playback bar (the
// flush queues and the timeline on screen, at 16 CPUs the top of the next two: what a user watches
// while playing), `top` leaves the page at its top (the panels below the fold, as the first
// measurements did).
// `cpus` (default `16,64,256`) picks the cases. A frame is the interval between two
// BeginMainThreadFrame events; its frame time is the main thread's work in it: the top-level
// RunTask events (message handling, store updates, panel drawing, style, layout, paint, commit),
// as thread CPU time (`tdur`) and as wall time (`dur`, which also counts time the OS gave the core
// to another process: on a busy machine it overstates the page's own cost). It prints p50 / p95 /
// max of both, frames per second and the p95 interval between frames. No pass/fail: the numbers
// go to docs/benchmarks.md.

import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:4301/';
const seconds = Number(process.argv[3] ?? 5);
const views = (process.argv[4] ?? 'panels').split(',');
const only = process.argv[5] ? process.argv[5].split(',').map(Number) : null;
const cases = [
  // long enough that full speed does not reach the end while measuring
  { cpus: 16, hash: '#v=1&cpus=16&dur=800' },
  { cpus: 64, hash: '#v=1&cpus=64&dur=150' },
  { cpus: 256, hash: '#v=1&cpus=256&dur=60' },
].filter((c) => !only || only.includes(c.cpus));

const q = (a, p) => (a.length ? a[Math.min(a.length - 1, Math.floor(p * a.length))] : NaN);
const fmt = (x) => x.toFixed(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});
for (const c of cases) for (const view of views) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(new URL(c.hash, base).href);
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 600_000 });
  if (view === 'panels') {
    await page.evaluate(() => {
      const bar = document.querySelector('.playback')?.getBoundingClientRect().height ?? 0;
      const top = document.querySelector('.panels-area')?.getBoundingClientRect().top ?? 0;
      window.scrollTo(0, window.scrollY + top - bar);
    });
  }
  await page.getByLabel('Speed').fill('7');
  await page.getByRole('button', { name: '▶ Play' }).click();
  await page.waitForTimeout(1000);
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame'] });
  const t0 = await page.getByTestId('pb-time').innerText();
  await page.waitForTimeout(seconds * 1000);
  const t1 = await page.getByTestId('pb-time').innerText();
  const atEnd = parseFloat(t1) >= Number(/dur=(\d+)/.exec(c.hash)[1]);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const pause = page.getByRole('button', { name: '❚❚ Pause' });
  if (await pause.count()) await pause.click();
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const frames = onMain.filter((e) => e.name === 'BeginMainThreadFrame').map((e) => e.ts).sort((a, b) => a - b);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const busy = [];
  const cpu = [];
  const gaps = [];
  let k = 0;
  for (let i = 0; i + 1 < frames.length; i++) {
    const a = frames[i];
    const b = frames[i + 1];
    gaps.push((b - a) / 1000);
    let sum = 0;
    let sumCpu = 0;
    while (k < tasks.length && tasks[k].ts + tasks[k].dur <= a) k++;
    for (let j = k; j < tasks.length && tasks[j].ts < b; j++) {
      const x = tasks[j];
      const share = (Math.min(b, x.ts + x.dur) - Math.max(a, x.ts)) / Math.max(1, x.dur);
      sum += share * x.dur;
      sumCpu += share * (x.tdur ?? x.dur);
    }
    busy.push(sum / 1000);
    cpu.push(sumCpu / 1000);
  }
  busy.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  gaps.sort((x, y) => x - y);
  const span = (frames.at(-1) - frames[0]) / 1e6;
  console.log(
    `${c.cpus} CPUs (${view}): ${busy.length} frames (${fmt(busy.length / span)}/s); frame time (main-thread CPU) p50 ${fmt(q(cpu, 0.5))} ms, p95 ${fmt(q(cpu, 0.95))} ms, max ${fmt(cpu.at(-1))} ms; (wall) p50 ${fmt(q(busy, 0.5))} ms, p95 ${fmt(q(busy, 0.95))} ms; frame interval p95 ${fmt(q(gaps, 0.95))} ms; simulated ${t0} -> ${t1}${atEnd ? ' (REACHED THE END: frames after it are idle)' : ''}`,
  );
  await page.close();
}
await browser.close();
