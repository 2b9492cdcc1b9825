// Each panel's title, once: the panel's own heading (PanelFrame), the panel list (index.ts) and the
// page's placeholders for hidden panels read it.

import type { PanelId } from '../url/view.ts';

export const PANEL_TITLE: Readonly<Record<PanelId, string>> = {
  queues: 'Flush queues',
  timeline: 'Flush cycles timeline',
  throughput: 'Throughput and the cliff',
  iotlb: 'IOTLB',
  allocator: 'IOVA allocator',
  counters: 'Counters',
  pseudo: 'Pseudocode: the unmap path and the IOVA caches',
};
