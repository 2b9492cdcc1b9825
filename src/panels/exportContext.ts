// How exported files are named (issue 16): the page provides it (src/ui/App.tsx, from the scenario,
// its preset and the moment on screen, src/ui/exportName.ts); panels only ask. Without a provider
// (the panel gallery) a plain name is used.

import { createContext, useContext } from 'react';

/** A file name for `what` (e.g. "throughput") with extension `ext`. */
export type NameFile = (what: string, ext: string) => string;

export const ExportNameContext = createContext<NameFile>((what, ext) => `${what}.${ext}`);

export const useExportName = (): NameFile => useContext(ExportNameContext);
