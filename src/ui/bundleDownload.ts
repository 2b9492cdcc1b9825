// Share for an imported trace (issue 17): a URL cannot hold a trace, so the page offers the
// scenario and the trace as a .fqlab.json file (src/import/bundle.ts), downloaded from a blob URL.

import { encodeBundle } from '../import/bundle.ts';
import type { LabState } from '../store/labStore.ts';

/** The bundle's file name: the trace's, its extension replaced. */
export const bundleName = (traceName: string): string => `${traceName.replace(/\.fqlab\.json$|\.[^.]*$/i, '')}.fqlab.json`;

export function downloadBundle(s: Pick<LabState, 'scenario' | 'imported'>): void {
  const t = s.imported;
  if (!t) return;
  const blob = new Blob([encodeBundle({ scenario: s.scenario, trace: t })], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = bundleName(t.name);
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
