// The playback bar: play / pause, step back / forward, speed on a log scale (one event per second …
// full fast-forward), a scrubber over simulated time, jumps to the next / previous flush, timeout
// and the cliff, and a progress bar with Cancel while the worker fast-forwards. Keyboard: space,
// ←/→, shift+←/→ (markers), ? (help). The moment's numbers and the "what just happened" line
// (whatHappened.ts: the CPU, kernel function and effect of the last engine step) are written into
// the DOM from a store subscription, so playing does not re-render React every frame. The speed
// says what it means in simulated time, and a moment the page chose by itself (no t= in the link)
// says why it was chosen.

import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { resolve } from '../sim/scenario.ts';
import type { PlaybackState } from '../store/playback.ts';
import { fmtInt, fmtSi } from './format.ts';
import { HelpOverlay } from './HelpOverlay.tsx';
import './playback.css';
import { usePlayback, usePlaybackCtx } from './playbackContext.ts';
import { eventsPerSecond, MAX_SPEED_LOG, type JumpKind } from './playbackDriver.ts';
import { useLab } from './labContext.ts';
import { whatHappened } from './whatHappened.ts';

/** Simulated ns as milliseconds with every nanosecond shown: 12345678 -> "12.345678 ms". */
export function fmtMoment(ns: number): string {
  return `${(ns / 1e6).toFixed(6)} ms`;
}

export function fmtSpeed(speedLog: number): string {
  const eps = eventsPerSecond(speedLog);
  return eps === Infinity ? 'full speed' : `${fmtSi(Math.round(eps))} steps/s`;
}

/**
 * What a speed means in simulated time, from the run's step density so far (engine steps per
 * simulated ms up to the moment shown): "≈ 5.5 simulated ms per second". Empty before 1000 steps.
 */
export function fmtSimRate(speedLog: number, step: number, tNs: number): string {
  const eps = eventsPerSecond(speedLog);
  if (eps === Infinity) return 'as fast as the worker can';
  if (step < 1000 || tNs <= 0) return '';
  const msPerS = (eps * tNs) / 1e6 / step;
  const txt = msPerS >= 10 ? msPerS.toFixed(0) : msPerS >= 1 ? msPerS.toFixed(1) : msPerS.toPrecision(2);
  return `≈ ${txt} simulated ms per second`;
}

/** Focus is where the key is the control's own: typing in a field, arrows on a slider or a select. */
function ownsKey(t: EventTarget | null, key: string): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (t as HTMLInputElement).type;
  if (type === 'checkbox' || type === 'radio') return false;
  // A slider has no use for space: it plays / pauses there too.
  if (type === 'range') return key !== ' ' && key !== 'Spacebar';
  return true;
}

const STATUS_TEXT: Record<PlaybackState['status'], string> = {
  idle: 'Starting…',
  loading: 'Simulating the run…',
  paused: 'Paused',
  playing: 'Playing',
  seeking: 'Moving…',
  error: 'Playback failed',
};

export function PlaybackBar() {
  const { store, ctl } = usePlaybackCtx();
  const status = usePlayback((s) => s.status);
  const progress = usePlayback((s) => s.progress);
  const progressLabel = usePlayback((s) => s.progressLabel);
  const durationNs = usePlayback((s) => s.durationNs);
  const computedNs = usePlayback((s) => s.computedNs);
  const speedLog = usePlayback((s) => s.speedLog);
  const hasView = usePlayback((s) => s.view !== null);
  const hasCliff = usePlayback((s) => s.markers.some((m) => m.kind === 'cliff' || m.kind === 'episode'));
  const error = usePlayback((s) => s.error);
  const settledT = usePlayback((s) => (s.status === 'paused' && s.view ? s.view.t : null));
  const traceHash = usePlayback((s) => s.traceHash);
  /** The worker failed while this moment was shown: what is on the page is from before the failure. */
  const staleSince = usePlayback((s) => s.staleSince);
  const [help, setHelp] = useState(false);
  const timeRef = useRef<HTMLSpanElement>(null);
  const stepRef = useRef<HTMLSpanElement>(null);
  const happenedRef = useRef<HTMLParagraphElement>(null);
  const rateRef = useRef<HTMLSpanElement>(null);
  const labT = useLab((s) => s.t);
  const scenario = useLab((s) => s.scenario);
  const fqTimeoutMs = useMemo(() => resolve(scenario).fqTimeoutNs / 1e6, [scenario]);
  const scrubRef = useRef<HTMLInputElement>(null);
  const dragging = useRef(false);
  /** Where the last scrubber key asked to go (while its seek runs). */
  const keyTarget = useRef<number | null>(null);

  // Per-frame text and scrubber position, outside React.
  useEffect(() => {
    const paint = (s: PlaybackState) => {
      const t = s.view?.t ?? 0;
      if (timeRef.current) timeRef.current.textContent = s.view ? fmtMoment(t) : '—';
      if (stepRef.current) stepRef.current.textContent = s.view ? fmtInt(s.step) : '—';
      if (rateRef.current) rateRef.current.textContent = fmtSimRate(s.speedLog, s.step, t);
      const line = happenedRef.current;
      if (line) {
        // Read out after a step, a jump or a pause, not on every frame of play.
        line.setAttribute('aria-live', s.status === 'playing' ? 'off' : 'polite');
        if (!s.view) line.replaceChildren('—');
        else {
          const w = whatHappened(s.view);
          if (line.dataset.text !== w.text) {
            line.dataset.text = w.text;
            if (!w.head) line.replaceChildren(w.text);
            else {
              const fn = document.createElement('code');
              fn.textContent = w.head.fn;
              line.replaceChildren(`${w.at} · ${w.head.who} · `, fn, `: ${w.head.what}${w.rest}`);
            }
            line.title = w.text;
          }
        }
      }
      const el = scrubRef.current;
      if (el && !dragging.current && el.value !== String(t)) {
        el.value = String(t);
        el.setAttribute('aria-valuetext', `t = ${fmtMoment(t)} of ${fmtMoment(s.durationNs)}`);
      }
    };
    paint(store.getState());
    return store.subscribe(paint);
  }, [store, durationNs]);

  const busy = status === 'loading' || !hasView;
  const playing = status === 'playing';
  const jump = (kind: JumpKind, dir: 1 | -1) => ctl.jump(kind, dir);

  // Keyboard shortcuts for the whole page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp((h) => !h);
        return;
      }
      if (ownsKey(e.target, e.key)) return;
      if (e.key === ' ' || e.key === 'Spacebar') {
        // A focused button activates itself with space; everywhere else space plays / pauses.
        if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement) return;
        e.preventDefault();
        ctl.toggle();
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        const dir = e.key === 'ArrowLeft' ? -1 : 1;
        if (e.shiftKey) ctl.jump('marker', dir);
        else ctl.step(dir);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctl]);

  const commitScrub = () => {
    if (!dragging.current || !scrubRef.current) return;
    dragging.current = false;
    ctl.seek(Number(scrubRef.current.value), { commit: true });
  };

  const onScrubKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    // Arrows move by 1/200 of the run (shift: 1/20), Home / End to the ends. Keys pressed while the
    // previous key's seek is still running add up from its target, not from the moment still shown
    // (five quick → are five units, issue 18).
    const st = store.getState();
    const cur = keyTarget.current !== null && st.status === 'seeking' ? keyTarget.current : (st.view?.t ?? 0);
    const unit = Math.max(1, Math.round(durationNs / 200));
    let t: number | null = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') t = cur - (e.shiftKey ? 10 : 1) * unit;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') t = cur + (e.shiftKey ? 10 : 1) * unit;
    else if (e.key === 'PageDown') t = cur - 10 * unit;
    else if (e.key === 'PageUp') t = cur + 10 * unit;
    else if (e.key === 'Home') t = 0;
    else if (e.key === 'End') t = durationNs;
    if (t === null) return;
    e.preventDefault();
    e.stopPropagation();
    keyTarget.current = Math.min(durationNs, Math.max(0, t));
    ctl.seek(keyTarget.current, { commit: true });
  };

  const partial = computedNs > 0 && computedNs < durationNs;
  // The worker chose the moment (the link has no t=): say why, until the user moves.
  const startNote = labT === undefined && settledT !== null && settledT > 0 && !busy;

  return (
    <section className="playback" aria-labelledby="playback-h" data-trace-hash={traceHash ?? ''}>
      <h2 id="playback-h" className="sr-only">
        Playback
      </h2>
      <div className="pb-row pb-main">
        <div className="pb-buttons" role="group" aria-label="Transport">
          <button type="button" onClick={() => ctl.step(-1)} disabled={busy} aria-keyshortcuts="ArrowLeft" title="Step back one engine step (←)">
            ◂ Step back
          </button>
          <button type="button" className="pb-play" onClick={() => ctl.toggle()} disabled={busy} aria-keyshortcuts="Space" title="Play / pause (space)">
            {playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <button type="button" onClick={() => ctl.step(1)} disabled={busy} aria-keyshortcuts="ArrowRight" title="Step forward one engine step (→)">
            Step ▸
          </button>
        </div>
        <p className={staleSince === null ? 'pb-now' : 'pb-now pb-stale'} data-stale={staleSince === null ? undefined : '1'}>
          <span className="pb-label">t =</span>{' '}
          <span className="pb-time" data-testid="pb-time" ref={timeRef}>
            —
          </span>
          <span className="pb-sep" aria-hidden="true">
            ·
          </span>
          {/* Engine steps (submissions, completions, timer expiries…), not trace events: a passthrough
              run takes steps but emits no IOMMU event (issue 18). */}
          <span className="pb-label" title="engine steps so far: each step is one simulated event (an I/O submitted or completed, a timer, a resumed wait); the trace counts only the IOMMU events they emit">
            step
          </span>{' '}
          <span className="pb-step" data-testid="pb-step" ref={stepRef}>
            —
          </span>
          {staleSince !== null && (
            <span className="pb-stale-tag" data-testid="pb-stale">
              {' '}
              (from before the failure)
            </span>
          )}
        </p>
        <div className="pb-speed">
          <label htmlFor="pb-speed">Speed</label>
          <input
            id="pb-speed"
            type="range"
            min={0}
            max={MAX_SPEED_LOG}
            step={0.5}
            value={speedLog}
            aria-valuetext={fmtSpeed(speedLog)}
            onChange={(e) => ctl.setSpeed(Number(e.target.value))}
          />
          <output htmlFor="pb-speed" className="pb-speed-out" data-testid="pb-speed">
            {fmtSpeed(speedLog)}
          </output>
          <span className="pb-speed-means" ref={rateRef} data-testid="pb-speed-means" />
        </div>
      </div>
      <div className="pb-row pb-track">
        <div className="pb-scrub">
          <label htmlFor="pb-scrub">Simulated time</label>
          <input
            id="pb-scrub"
            ref={scrubRef}
            type="range"
            min={0}
            max={Math.max(1, durationNs)}
            step="any"
            defaultValue={0}
            disabled={busy}
            onChange={(e) => {
              dragging.current = true;
              ctl.seek(Number(e.target.value), { fast: true });
            }}
            onPointerUp={commitScrub}
            onBlur={commitScrub}
            onKeyDown={onScrubKey}
          />
          <span className="pb-end">{fmtMoment(durationNs)}</span>
        </div>
        <div className="pb-jumps" role="group" aria-label="Jump to">
          <span className="pb-label">Jump:</span>
          <button type="button" disabled={busy} onClick={() => jump('flush', -1)} aria-label="Previous flush">
            ◂ flush
          </button>
          <button type="button" disabled={busy} onClick={() => jump('flush', 1)} aria-label="Next flush">
            flush ▸
          </button>
          <button type="button" disabled={busy} onClick={() => jump('timeout', -1)} aria-label="Previous FQ timeout">
            ◂ timeout
          </button>
          <button type="button" disabled={busy} onClick={() => jump('timeout', 1)} aria-label="Next FQ timeout">
            timeout ▸
          </button>
          <button type="button" disabled={busy || !hasCliff} onClick={() => jump('cliff', 1) || jump('cliff', -1)} aria-label="The cliff">
            cliff
          </button>
          <button type="button" className="pb-help" onClick={() => setHelp(true)} aria-keyshortcuts="?" aria-haspopup="dialog">
            Keyboard ?
          </button>
        </div>
      </div>
      <div className="pb-foot">
        <p className="pb-status" role="status" aria-live="polite" data-testid="pb-status">
          {status === 'paused' && settledT !== null ? `Paused at t = ${fmtMoment(settledT)}` : STATUS_TEXT[status]}
          {partial && status !== 'loading' ? ` — simulated up to ${fmtMoment(computedNs)} (the fast-forward was cancelled; playing on simulates the rest)` : ''}
          {error ? ` — ${error}` : ''}
          {staleSince !== null ? `. What is shown (t = ${fmtMoment(staleSince)}) is from before the failure, not current.` : ''}
        </p>
        {status === 'error' && (
          // The same scenario again, at the moment shown (the playback machine's Restart).
          <button type="button" className="pb-restart" onClick={() => ctl.restart()}>
            Restart
          </button>
        )}
        {startNote && (
          <p className="pb-start-note" data-testid="pb-start-note">
            Opened at {fmtMoment(settledT ?? 0).replace(/\.?0+ ms$/, ' ms')}
            {(settledT ?? 0) > fqTimeoutMs * 1e6 ? `, past the first ${fqTimeoutMs} ms FQ timeout` : ''} (the link has no <code>t=</code>){' '}
            <button type="button" className="pb-link" onClick={() => ctl.seek(0, { commit: true })}>
              Go to t = 0
            </button>
          </p>
        )}
        <p className="pb-happened" ref={happenedRef} aria-live="polite" aria-label="What just happened" data-testid="pb-happened">
          —
        </p>
      </div>
      {progress !== null && (
        <div className="pb-progress">
          <progress max={1} value={progress} aria-label={progressLabel || 'Progress'} data-testid="pb-progress" />
          <span className="pb-progress-text">
            {progressLabel} {Math.floor(progress * 100)} %
          </span>
          <button type="button" onClick={() => ctl.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </section>
  );
}
