// The scenario that replays an imported trace (the CLI's --import and the page's import share it):
// the given scenario, with at least the trace's CPUs, and (unless a duration is given) the trace's
// length plus one FQ timeout, so the last unmaps are retired by the timer. Pure.

import type { Scenario } from '../sim/scenario.ts';

/** The longest run the scenario validator accepts (validate.ts: durationMs <= 600000). */
const MAX_MS = 600000;

export function replayScenario(s: Scenario, w: { cpus: number; durationNs: number }, durationGiven: boolean): { scenario: Scenario; notes: string[] } {
  const notes: string[] = [];
  const scenario: Scenario = { ...s };
  if (w.cpus > s.cpus) {
    scenario.cpus = w.cpus;
    notes.push(`replay: cpus ${s.cpus} -> ${w.cpus} (the trace uses CPUs up to ${w.cpus - 1})`);
  }
  if (!durationGiven) {
    const timeoutMs = s.fqTimeoutMs || (s.queue === 'single' ? 1000 : 10);
    const ms = Math.ceil(w.durationNs / 1e6 + timeoutMs + 1);
    scenario.durationMs = Math.min(MAX_MS, ms);
    if (ms > MAX_MS) notes.push(`replay: the trace is longer than ${MAX_MS / 1000} s; only its first ${MAX_MS / 1000} s run`);
  }
  return { scenario, notes };
}
