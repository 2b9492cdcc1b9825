// Lockup-detector markers for the page (src/sim/watchdog.ts): read from the engine once a run has
// been simulated to its end (they are derived from simulated time, not trace events, so the trace
// tap that collects the other markers never sees them), merged with the other markers in time order.

import type { Engine } from '../sim/engine.ts';
import type { Marker } from '../sim/view.ts';

/** The soft- and hard-lockup markers of the engine's run so far. */
export function watchdogMarkers(e: Engine): Marker[] {
  return e.obs.watchdogEvents(e.now).map((w) => ({ t: w.t, kind: w.kind === 'soft' ? 'soft_lockup' : 'hard_lockup', cpu: w.cpu }));
}

/** Both lists in one, in time order (ties by CPU), as MarkerLog.list orders its own. */
export function withWatchdog(markers: Marker[], watchdog: readonly Marker[]): Marker[] {
  if (watchdog.length === 0) return markers;
  return [...markers, ...watchdog].sort((a, b) => a.t - b.t || a.cpu - b.cpu);
}
