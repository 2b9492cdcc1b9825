// What every panel component receives (index.ts mounts them with the page's two stores).

import type { LabStore } from '../store/labStore.ts';
import type { PlaybackStore } from '../store/playback.ts';

export interface PanelProps {
  playback: PlaybackStore;
  lab: LabStore;
}
