// Fault injection for the e2e tests (issue 14, "Faults"): `window.labFaults.throwNext()` makes the
// live worker's next job throw as an engine bug would; `window.labFaults.terminate()` kills the
// worker unannounced, as the browser may (no error event, no reply; the driver's stall watchdog
// notices). They change nothing until called, and nothing in the page calls them.

import type { PlaybackController } from './playbackDriver.ts';

export interface FaultHooks {
  throwNext(): void;
  terminate(): void;
}

declare global {
  interface Window {
    labFaults?: FaultHooks;
  }
}

export function installFaultHooks(win: Window, ctl: PlaybackController): void {
  win.labFaults = { throwNext: () => ctl.faults.throwNext(), terminate: () => ctl.faults.terminate() };
}
