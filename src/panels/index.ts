// The lab's seven panels (issue 5), in PANEL_IDS order. The page mounts each Component with the
// playback store (the moment being shown) and the lab store (scenario, focused CPU).

import type React from 'react';
import type { PanelId } from '../url/view.ts';
import { AllocatorPanel } from './AllocatorPanel.tsx';
import { CountersPanel } from './CountersPanel.tsx';
import { IotlbPanel } from './IotlbPanel.tsx';
import { PseudoPanel } from './PseudoPanel.tsx';
import { QueuesPanel } from './QueuesPanel.tsx';
import { ThroughputPanel } from './ThroughputPanel.tsx';
import { TimelinePanel } from './TimelinePanel.tsx';
import type { PanelProps } from './types.ts';
import './panels.css';
import { PANEL_TITLE } from './titles.ts';

export type { PanelProps };

export interface PanelDef {
  id: PanelId;
  title: string;
  Component: React.FC<PanelProps>;
}

export const PANELS: PanelDef[] = [
  { id: 'queues', title: PANEL_TITLE.queues, Component: QueuesPanel },
  { id: 'timeline', title: PANEL_TITLE.timeline, Component: TimelinePanel },
  { id: 'throughput', title: PANEL_TITLE.throughput, Component: ThroughputPanel },
  { id: 'iotlb', title: PANEL_TITLE.iotlb, Component: IotlbPanel },
  { id: 'allocator', title: PANEL_TITLE.allocator, Component: AllocatorPanel },
  { id: 'counters', title: PANEL_TITLE.counters, Component: CountersPanel },
  { id: 'pseudo', title: PANEL_TITLE.pseudo, Component: PseudoPanel },
];
