// Who asked for the sweep dialog (SweepDialog.tsx) and with what: the header's "Sweep" button opens
// it empty, the "compare over 10 seeds" button beside the counter-reuse toggle (Controls.tsx) opens
// it pre-filled (cr=0,1 × seeds 1–10, issue 20). A tiny external store read with
// useSyncExternalStore: page chrome, not lab state, so it stays out of the lab store and the URL.

import { useSyncExternalStore } from 'react';

export type SweepPrefill = 'free' | 'counter-reuse';
export interface SweepRequest {
  open: boolean;
  prefill: SweepPrefill;
  /** Bumped on each request, so a second request re-applies its prefill. */
  serial: number;
}

let state: SweepRequest = { open: false, prefill: 'free', serial: 0 };
const listeners = new Set<() => void>();
const set = (s: SweepRequest) => {
  state = s;
  for (const l of listeners) l();
};

export const openSweep = (prefill: SweepPrefill = 'free'): void => set({ open: true, prefill, serial: state.serial + 1 });
export const closeSweep = (): void => set({ ...state, open: false });

export function useSweepRequest(): SweepRequest {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
