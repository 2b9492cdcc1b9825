// Messages between the page's tour panel (src/ui/tour/scanClient.ts) and the tour worker
// (tour.worker.ts). Plain, structured-cloneable data.

import type { TourScan } from '../sim/tour/types.ts';

export type { TourHit, TourScan, Predict } from '../sim/tour/types.ts';

export interface TourRequest {
  type: 'scan';
  chapter: string;
}

export type TourResponse = { type: 'scan'; scan: TourScan } | { type: 'error'; chapter: string; message: string };
