// Panel gallery (panels.html): renders the panels from a fixture run of the engine in the page,
// without the live worker. Query: ?p=PRESET&cpus=N&at=MS&w=PX&only=PANEL&mode=M&kv=VERSION&q=single
// Sets <body data-ready="1"> once every panel has drawn the fixture's moment (e2e/panels.spec.ts).

import '@fontsource/dejavu-sans/400.css';
import '@fontsource/dejavu-sans/700.css';
import '../../style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { presetScenario } from '../../sim/presets.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { validateScenario } from '../../sim/validate.ts';
import { createLabStore } from '../../store/labStore.ts';
import { createPlaybackStore } from '../../store/playback.ts';
import { fontsLoaded } from '../../ui/fonts.ts';
import { runFixture } from './fixture.ts';
import { PANELS } from '../index.ts';

const q = new URLSearchParams(location.search);
const num = (k: string, d: number) => (q.has(k) ? Number(q.get(k)) : d);

const base = presetScenario(q.get('p') ?? 'default');
const trial: Scenario = { ...base, cpus: num('cpus', base.cpus), durationMs: num('dur', base.durationMs) };
if (q.has('mode')) trial.mode = q.get('mode') as Scenario['mode'];
if (q.has('kv')) trial.kernel = q.get('kv')!;
if (q.has('q')) trial.queue = q.get('q') as Scenario['queue'];
if (q.has('seed')) trial.seed = num('seed', 1);
const { scenario, errors } = validateScenario(trial);
if (errors.length) console.warn('panels.html:', errors.join('; '));

const at = Math.round(num('at', Math.min(scenario.durationMs, 40)) * 1e6);
const fx = runFixture(scenario, at, num('win', 2) * 1e6);

const lab = createLabStore();
lab.setState({ scenario, focusCpu: num('focus', 0) });
const playback = createPlaybackStore();
playback.setState({ status: 'paused', view: fx.view, spans: fx.spans, spanWindow: fx.spanWindow, series: fx.series, markers: fx.markers, durationNs: fx.durationNs });
Object.assign(window, { galleryLab: lab, galleryPlayback: playback });

const only = q.get('only');
const width = num('w', 1160);
const shown = PANELS.filter((p) => !only || p.id === only);

function Gallery() {
  return (
    <main style={{ width, margin: '12px auto', display: 'grid', gap: 14 }}>
      {shown.map(({ id, Component }) => (
        <Component key={id} playback={playback} lab={lab} />
      ))}
    </main>
  );
}

/**
 * ?bench=N: after the first draw, N frames of panel drawing, timed without the browser's frame
 * pacing — requestAnimationFrame is intercepted so each frame's draw callbacks run back to back —
 * with a new view object per frame (what playback does). Results go to window.galleryBench.
 */
async function bench(n: number): Promise<void> {
  const queue: FrameRequestCallback[] = [];
  const real = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => {
    queue.push(cb);
    return queue.length;
  };
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    playback.setState({ view: { ...fx.view } });
    const t0 = performance.now();
    while (queue.length) queue.shift()!(t0);
    times.push(performance.now() - t0);
  }
  window.requestAnimationFrame = real;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  Object.assign(window, { galleryBench: { n, p50: pct(0.5), p95: pct(0.95), max: times[times.length - 1] } });
  await Promise.resolve();
}

const root = document.getElementById('root')!;
void fontsLoaded().then(() => {
  createRoot(root).render(
    <StrictMode>
      <Gallery />
    </StrictMode>,
  );
  // Ready when every panel has drawn this moment.
  const check = () => {
    const panels = [...document.querySelectorAll('.panel')];
    if (panels.length === shown.length && panels.every((p) => p.getAttribute('data-frame') === String(fx.view.events))) {
      if (q.has('bench')) void bench(num('bench', 100)).then(() => (document.body.dataset.ready = '1'));
      else document.body.dataset.ready = '1';
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
});
