// The lab's six panels (issue 5), in PANEL_IDS order. The page mounts each Component with the
// playback store (the moment being shown) and the lab store (scenario, focused CPU).

import type React from 'react';
import type { PanelId } from '../store/labStore.ts';
import { AllocatorPanel } from './AllocatorPanel.tsx';
import { CountersPanel } from './CountersPanel.tsx';
import { IotlbPanel } from './IotlbPanel.tsx';
import { QueuesPanel } from './QueuesPanel.tsx';
import { ThroughputPanel } from './ThroughputPanel.tsx';
import { TimelinePanel } from './TimelinePanel.tsx';
import type { PanelProps } from './types.ts';
import './panels.css';

export type { PanelProps };

export interface PanelDef {
  id: PanelId;
  title: string;
  Component: React.FC<PanelProps>;
}

export const PANELS: PanelDef[] = [
  { id: 'queues', title: 'Flush queues', Component: QueuesPanel },
  { id: 'timeline', title: 'Flush cycles timeline', Component: TimelinePanel },
  { id: 'throughput', title: 'Throughput and the cliff', Component: ThroughputPanel },
  { id: 'iotlb', title: 'IOTLB', Component: IotlbPanel },
  { id: 'allocator', title: 'IOVA allocator', Component: AllocatorPanel },
  { id: 'counters', title: 'Counters', Component: CountersPanel },
];
