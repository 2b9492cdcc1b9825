// React binding of the playback store and its driver: components read state through selectors
// (zustand's useStore), and call the driver's actions (play, step, seek…). Per-frame drawing does
// not go through React: panels subscribe to the store directly.

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PlaybackState, PlaybackStore } from '../store/playback.ts';
import type { PlaybackController } from './playbackDriver.ts';

export interface Playback {
  store: PlaybackStore;
  ctl: PlaybackController;
}

export const PlaybackContext = createContext<Playback | null>(null);

export function usePlaybackCtx(): Playback {
  const p = useContext(PlaybackContext);
  if (!p) throw new Error('usePlaybackCtx: no <PlaybackContext.Provider> above this component');
  return p;
}

/** Selects a slice of the playback state (re-renders only when it changes). */
export function usePlayback<T>(selector: (s: PlaybackState) => T): T {
  return useStore(usePlaybackCtx().store, selector);
}
