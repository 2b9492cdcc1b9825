// The open chapter's scan (where each step fires), from the tour worker; null while it runs.

import { useEffect, useState } from 'react';
import type { TourScan } from '../../worker/tourProtocol.ts';
import { scanClient } from './scanClient.ts';

export function useTourScan(chapter: string): { scan: TourScan | null; error: string | null } {
  const [state, setState] = useState<{ id: string; scan: TourScan | null; error: string | null }>({ id: chapter, scan: null, error: null });
  useEffect(() => {
    let live = true;
    scanClient.scan(chapter).then(
      (scan) => live && setState({ id: chapter, scan, error: null }),
      (err: Error) => live && setState({ id: chapter, scan: null, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [chapter]);
  return state.id === chapter ? state : { scan: null, error: null };
}
