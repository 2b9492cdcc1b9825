// React binding of the compare's B side (src/ui/compareDriver.ts): B's lab and playback stores.

import { createContext, useContext } from 'react';
import type { CompareSide } from '../compareDriver.ts';

export const CompareContext = createContext<CompareSide | null>(null);

/** B's stores; null where the page has no compare driver (tests of single components). */
export function useCompareSide(): CompareSide | null {
  return useContext(CompareContext);
}
