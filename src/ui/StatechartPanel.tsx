// The statecharts beside the panels (issue 4's view, issue 5's "follow one unmap"): the focused
// CPU's cpuFlushQueue machine and the flushTimer machine, with the state the live engine is in at
// the current moment highlighted. The live engine runs in the worker, so the active state comes
// from the snapshot's per-CPU phase (LabView.cpuPhase), matched to the machine state tagged with
// that phase (src/machines/graph.ts): the same mapping the actor driver checks event by event.

import { useEffect, useMemo, useRef } from 'react';
import { machineGraph } from '../machines/graph.ts';
import { useOnScreen } from '../panels/hooks.ts';
import { PHASE_NAMES } from '../sim/phases.ts';
import type { LabView } from '../sim/view.ts';
import { StatechartView } from './statechart/StatechartView.tsx';
import { useLab } from './labContext.ts';
import { usePlayback } from './playbackContext.ts';

const TIMEOUT_PREFIX = 'fq_flush_timeout';

/** The machine state a CPU parked in `phase` is in (the state tagged with that engine phase). */
export function stateOfPhase(machine: 'cpuFlushQueue' | 'flushTimer', phase: string): string | null {
  const g = machineGraph(machine);
  return g.states.find((s) => s.phase === phase)?.id ?? null;
}

/** The focused CPU's cpuFlushQueue state: idle, a queue_iova/strict step, or inside the timeout. */
export function cpuState(view: LabView | null, cpu: number): string {
  if (!view || cpu >= view.cpus) return 'idle';
  const phase = PHASE_NAMES[view.cpuPhase[cpu]] ?? 'idle';
  if (phase === 'idle') return 'idle';
  if (phase.startsWith(TIMEOUT_PREFIX)) return TIMEOUT_PREFIX;
  return stateOfPhase('cpuFlushQueue', phase) ?? 'idle';
}

/** The flushTimer state and a note: firing on the CPU running the callback, armed, or disarmed. */
export function timerState(view: LabView | null): { id: string; note: string } {
  if (!view) return { id: 'disarmed', note: '' };
  for (let c = 0; c < view.cpus; c++) {
    const phase = PHASE_NAMES[view.cpuPhase[c]] ?? 'idle';
    if (phase.startsWith(TIMEOUT_PREFIX)) return { id: stateOfPhase('flushTimer', phase) ?? 'firing', note: `on CPU ${c}` };
  }
  if (view.timerExpires >= 0) return { id: 'armed', note: `CPU ${view.timerCpu}` };
  return { id: 'disarmed', note: '' };
}

export function StatechartPanel() {
  const focus = useLab((s) => s.focusCpu);
  const ref = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(ref);
  // What was last shown: kept while playing with the charts off screen, so playback does not
  // re-render them for nobody (they catch up when scrolled into view or when playback stops).
  const shown = useRef({ cpu: 'idle', timerId: 'disarmed', timerNote: '' });
  const frozen = (s: { status: string }) => !onScreen && s.status === 'playing';
  // Select only the strings that decide the drawing, so React re-renders when a state changes,
  // not on every frame.
  const cpu = usePlayback((s) => (frozen(s) ? shown.current.cpu : cpuState(s.view, focus)));
  const timerId = usePlayback((s) => (frozen(s) ? shown.current.timerId : timerState(s.view).id));
  const timerNote = usePlayback((s) => (frozen(s) ? shown.current.timerNote : timerState(s.view).note));
  useEffect(() => {
    shown.current = { cpu, timerId, timerNote };
  }, [cpu, timerId, timerNote]);
  const cpuNote = useMemo(() => `CPU ${focus}`, [focus]);
  // The playback machine's state is the store's status (src/ui/playbackDriver.ts): not frozen, it
  // changes a few times per user action, not per frame.
  const playback = usePlayback((s) => s.status);
  return (
    <section ref={ref} className="statecharts" aria-labelledby="statecharts-h">
      <h2 id="statecharts-h">The kernel's control flow, as statecharts</h2>
      <p className="panel-what">
        Where CPU {focus} and the flush-queue timer are at this moment. Click a state to see which kernel function it is; pick
        another CPU in the flush-queue panel.
      </p>
      <div className="statecharts-grid">
        <StatechartView machine="cpuFlushQueue" active={cpu} activeNote={cpuNote} />
        <StatechartView machine="flushTimer" active={timerId} activeNote={timerNote} />
      </div>
      <details className="statechart-playback">
        <summary>And this page's own statechart: playback</summary>
        <p className="panel-what">
          The page drives its worker with a statechart too (src/worker/playback.ts). Not drawn, as every state shares them: a
          fault reply from the worker, or the worker failing, goes to <code>error</code> from any state, and a new scenario
          (LOAD) goes to <code>loading</code>.
        </p>
        <StatechartView machine="playback" active={playback} />
      </details>
    </section>
  );
}
