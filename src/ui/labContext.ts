// React binding of the vanilla lab store: components read state through selectors, so a component
// re-renders only when the slice it selects changes (zustand's `useStore`).

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from '../store/labStore.ts';

export const LabContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLabStore: no <LabContext.Provider> above this component');
  return store;
}

/** Selects a slice of the lab state; the selector must return stable references (state fields). */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
