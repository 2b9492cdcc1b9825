#!/usr/bin/env node
// The page's sweep pool, 1 worker vs 2 (docs/benchmarks.md "Sweeps"): opens the built page in
// Chromium, runs the same sweep through the Sweep view with Workers = 1 and = 2 in turn (A B A B …),
// and prints each sweep's wall time as the page reports it (from Run to the last result, worker
// start-up included) and the ratio pair by pair. Needs a served build, e.g.
//   npx vite build --outDir /tmp/lab-dist && npx vite preview --outDir /tmp/lab-dist --port 4305 &
//   node bench/pagePool.mjs http://127.0.0.1:4305 [pairs] [hash] [values] [seeds]
import { chromium } from '@playwright/test';

const [base = 'http://127.0.0.1:4305', pairs = '3', hash = 'v=3&p=steady-lazy&dur=50', values = '8,16', seeds = '1-4'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.PW_CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${base}/#${hash}`);
await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 120_000 });
console.log(`navigator.hardwareConcurrency = ${await page.evaluate(() => navigator.hardwareConcurrency)}; sweep ${hash} × cpus=${values} × lazy,strict × seeds ${seeds}`);
await page.getByTestId('sweep-open').click();
await page.getByTestId('sweep-values').fill(values);
await page.getByTestId('sweep-seeds').fill(seeds);

async function once(workers) {
  await page.getByTestId('sweep-workers').fill(String(workers));
  await page.getByTestId('sweep-run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sweep"]')?.getAttribute('data-status') === 'done', undefined, { timeout: 600_000 });
  const text = await page.getByTestId('sweep-status').innerText();
  return Number(/in ([\d.]+) s$/.exec(text)[1]);
}

const ratios = [];
for (let k = 0; k < Number(pairs); k++) {
  const two = await once(2);
  const one = await once(1);
  ratios.push(one / two);
  console.log(`pair ${k + 1}: 1 worker ${one.toFixed(1)} s, 2 workers ${two.toFixed(1)} s, speed-up ${(one / two).toFixed(2)}×`);
}
ratios.sort((a, b) => a - b);
console.log(`speed-up (1 worker / 2 workers): min ${ratios[0].toFixed(2)}×, median ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}×, max ${ratios.at(-1).toFixed(2)}×`);
await browser.close();
