// React binding of the page's import controller (importDriver.ts), created once in main.tsx.

import { createContext, useContext } from 'react';
import type { ImportController } from './importDriver.ts';

export const ImportContext = createContext<ImportController | null>(null);

export function useImports(): ImportController {
  const ctl = useContext(ImportContext);
  if (!ctl) throw new Error('useImports: no <ImportContext.Provider> above this component');
  return ctl;
}
