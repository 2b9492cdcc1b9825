// Playback journeys (issue 5): play and pause, step forward then back (an identical page), the
// keyboard, jumping to the next FQ timeout, a history fork, and cancelling a long fast-forward.
// Every wait is on text, ARIA state or <body data-ready="1">, never a sleep.

import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, failOnForeignRequests } from './guards.ts';
import { openScenarioForm } from './scenarioForm.ts';
import { pictureDiff, stableFullPage } from './shots.ts';
import { presetScenario } from '../src/sim/presets.ts';
import { runScenario } from '../src/sim/run.ts';
import { decodeHash } from '../src/url/codec.ts';
import { LiveSession } from '../src/worker/liveSession.ts';
import { bucketNsFor } from '../src/sim/metrics.ts';

const ms = (ns: number) => `${(ns / 1e6).toFixed(6)} ms`;

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 90_000 });
}

async function moment(page: Page): Promise<number> {
  const text = await page.getByTestId('pb-time').innerText();
  return Math.round(Number(text.replace(' ms', '')) * 1e6);
}

/** Writes a picture into the test's output folder (kept in test-results/ when the test fails). */
async function writeShot(name: string, png: Buffer): Promise<string> {
  const path = test.info().outputPath(name);
  await writeFile(path, png);
  return path;
}

/** Per panel: its body's width, the playback position it last drew and its canvases' sizes. */
function panelGeometry(page: Page): Promise<string[]> {
  return page.locator('.panel').evaluateAll((panels) =>
    panels.map((p) => {
      const canvases = [...p.querySelectorAll('canvas')].map((c) => `${c.width}x${c.height}@${c.style.width}`).join(',');
      return `${(p as HTMLElement).dataset.panel} body=${p.querySelector('.panel-body')?.clientWidth} frame=${p.getAttribute('data-frame')} canvases=${canvases} ready=${document.body.dataset.ready}`;
    }),
  );
}

failOnConsoleErrors();
failOnForeignRequests();

test('the live run is the Node run: same trace hash, shown at the default moment', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/');
  await waitReady(page);
  const hash = runScenario(presetScenario('default')).summary.traceHash;
  await expect(page.locator('section.playback')).toHaveAttribute('data-trace-hash', hash);
  await expect(page.getByTestId('trace-hash')).toHaveText(hash);
  await expect(page.getByTestId('pb-time')).toHaveText(ms(15_000_000));
  await expect(page.getByTestId('pb-status')).toHaveText(`Paused at t = ${ms(15_000_000)}`);
  expect(workers.some((u) => /\/assets\/live\.worker-[\w-]+\.js$/.test(u))).toBe(true);
});

test('play, then pause: time moves, the moment is written to the URL', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const t0 = await moment(page);
  await page.getByLabel('Speed').fill('6');
  await expect(page.getByTestId('pb-speed')).toHaveText('1M steps/s');
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect(page.getByTestId('pb-status')).toHaveText('Playing');
  await expect(page.locator('body')).not.toHaveAttribute('data-ready', '1');
  await expect.poll(() => moment(page)).toBeGreaterThan(t0 + 100_000);
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  await waitReady(page);
  const t1 = await moment(page);
  expect(t1).toBeGreaterThan(t0);
  await expect(page.getByTestId('pb-status')).toHaveText(`Paused at t = ${ms(t1)}`);
  await expect(page).toHaveURL(new RegExp(`[#&]t=${t1}(&|$)`));
  await expect(page.getByRole('slider', { name: 'Simulated time' })).toHaveAttribute('aria-valuetext', `t = ${ms(t1)} of ${ms(100_000_000)}`);
});

test('step forward then back gives the same page (pixel for pixel, up to corner anti-aliasing)', async ({ page }) => {
  // The default moment, named in the link: a link without t= also shows a note on why the page
  // opened there, which goes once the user moves (by design, firstscreen.spec.ts), so it would
  // differ after any step.
  await page.goto('/#v=2&t=15000000');
  await waitReady(page);
  await page.evaluate(() => document.fonts.ready);
  const geomBefore = await panelGeometry(page);
  const before = await stableFullPage(page);
  const step0 = await page.getByTestId('pb-step').innerText();
  await page.getByRole('button', { name: 'Step ▸' }).click();
  await waitReady(page);
  await expect(page.getByTestId('pb-step')).not.toHaveText(step0);
  await page.getByRole('button', { name: '◂ Step back' }).click();
  await waitReady(page);
  await expect(page.getByTestId('pb-step')).toHaveText(step0);
  // focus and the pointer out of the picture, as they were before
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await waitReady(page);
  const geomAfter = await panelGeometry(page);
  const after = await stableFullPage(page);
  if (!after.equals(before)) {
    await test.info().attach('before', { path: await writeShot('before.png', before), contentType: 'image/png' });
    await test.info().attach('after', { path: await writeShot('after.png', after), contentType: 'image/png' });
  }
  // Each panel's box, what it last drew (data-frame) and at which size its canvases are: a panel
  // drawn at a stale width shows here by name before the pixel comparison.
  expect(geomAfter, 'panel boxes and canvas sizes after step forward + step back').toEqual(geomBefore);
  // Equal up to Chromium's corner anti-aliasing (pictureDiff in e2e/shots.ts says why): at most
  // 2 grey levels on any channel, on at most 200 pixels of a 1280 × 3600 page.
  const diff = after.equals(before) ? { maxChannel: 0, pixels: 0, sameSize: true } : await pictureDiff(page, before, after);
  expect(diff, 'the page after step forward + step back differs from before').toEqual({ maxChannel: expect.any(Number), pixels: expect.any(Number), sameSize: true });
  expect(diff.maxChannel, 'largest channel difference').toBeLessThanOrEqual(2);
  expect(diff.pixels, 'pixels that differ at all').toBeLessThanOrEqual(200);
});

test('keyboard: ? opens the help, space plays and pauses, arrows step, shift+arrow jumps to a marker', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row')).toHaveCount(7);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  const step0 = Number((await page.getByTestId('pb-step').innerText()).replaceAll(',', ''));
  await page.keyboard.press('ArrowRight');
  await waitReady(page);
  await page.keyboard.press('ArrowRight');
  await waitReady(page);
  await expect(page.getByTestId('pb-step')).toHaveText((step0 + 2).toLocaleString('en-US'));
  await page.keyboard.press('ArrowLeft');
  await waitReady(page);
  await expect(page.getByTestId('pb-step')).toHaveText((step0 + 1).toLocaleString('en-US'));

  await page.keyboard.press('Space');
  await expect(page.getByTestId('pb-status')).toHaveText('Playing');
  await page.keyboard.press('Space');
  await waitReady(page);
  await expect(page.getByTestId('pb-status')).toHaveText(/^Paused at t = /);

  const t = await moment(page);
  await page.keyboard.press('Shift+ArrowRight');
  await waitReady(page);
  expect(await moment(page)).toBeGreaterThan(t);
  await expect(page).toHaveURL(new RegExp(`[#&]t=${await moment(page)}(&|$)`));
});

test('jump to the next FQ timeout lands on the timer firing the Node run has', async ({ page }) => {
  // The markers of the default run, computed in Node by the same session code the worker runs.
  const session = new LiveSession();
  const s = presetScenario('default');
  let markers: { t: number; kind: string }[] = [];
  for (const r of session.handle({ type: 'load', id: 1, scenario: s, t: 0, bucketNs: bucketNsFor(s.durationMs) })) {
    if (r.type === 'series' && !r.partial) markers = r.markers;
  }
  const next = markers.find((m) => m.kind === 'timer_fire' && m.t > 15_000_000)!;
  await page.goto('/');
  await waitReady(page);
  await page.getByRole('button', { name: 'Next FQ timeout' }).click();
  await waitReady(page);
  await expect(page.getByTestId('pb-time')).toHaveText(ms(next.t));
  await page.getByRole('button', { name: 'Previous FQ timeout' }).click();
  await waitReady(page);
  expect(await moment(page)).toBeLessThan(next.t);
});

test('an intervention applied now forks history: the scenario, the URL and the hash follow', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await openScenarioForm(page);
  await page.locator('summary', { hasText: 'Interventions at the current moment' }).click();
  await page.getByLabel('Switch mode to').selectOption('strict');
  await page.getByRole('button', { name: /^Switch mode: Apply at t = 15\.000000 ms$/ }).click();
  await waitReady(page);
  await expect(page.getByRole('list', { name: 'Interventions in this scenario' })).toContainText('switch to strict mode');
  await expect(page.getByText('Interventions at the current moment (1 in this scenario)')).toBeVisible();
  const decoded = decodeHash(new URL(page.url()).hash);
  expect(decoded.errors).toEqual([]);
  expect(decoded.scenario.interventions).toHaveLength(1);
  expect(decoded.scenario.interventions[0]).toMatchObject({ kind: 'mode', mode: 'strict' });
  // applied at 15.000000 ms as the button says, not 15.000001 (issue 18 bug 7)
  expect(decoded.scenario.interventions[0].atMs).toBe(15);
  const hash = runScenario(decoded.scenario).summary.traceHash;
  await expect(page.getByTestId('trace-hash')).toHaveText(hash);
  await expect(page.locator('section.playback')).toHaveAttribute('data-trace-hash', hash);
  expect(await moment(page)).toBe(Math.round(decoded.scenario.interventions[0].atMs * 1e6));
});

test('a long fast-forward shows progress and can be cancelled; the page stays usable', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#v=1&dur=1000');
  const progress = page.getByRole('progressbar', { name: 'Simulating the whole run' });
  // The moment is shown first (simulated up to it), then the rest of the run is simulated.
  await expect(progress).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0.02);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('pb-status')).toContainText('simulated up to');
  await expect(page.getByTestId('pb-time')).toHaveText(ms(15_000_000));
  // still responsive: a step works while the whole-run summary is still computing
  const step0 = await page.getByTestId('pb-step').innerText();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('pb-step')).not.toHaveText(step0);
});

test("the page's own playback statechart follows the page: paused after loading, playing while playing, paused again", async ({ page }) => {
  // The default run: at the default speed it plays for minutes, so it is still playing when checked.
  await page.goto('/');
  await waitReady(page);
  await page.getByText("And this page's own statechart: playback").click();
  const chart = page.locator('figure[data-machine="playback"]');
  await expect(chart.locator('[data-state="paused"]')).toHaveAttribute('data-active', '1');
  await expect(chart.locator('[data-active="1"]')).toHaveCount(1);
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect(page.getByTestId('pb-status')).toHaveText('Playing');
  await expect(chart.locator('[data-state="playing"]')).toHaveAttribute('data-active', '1');
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  await expect(chart.locator('[data-state="paused"]')).toHaveAttribute('data-active', '1');
  // Its states explain themselves on click, in the page's terms.
  await chart.locator('[data-state="seeking"]').click();
  await expect(chart.locator('.statechart-explain')).toContainText('moving to another moment');
});
