// Number formatting the panels share (labels, tooltips, text alternatives). en-US fixed, like
// src/ui/format.ts, so text and screenshots do not depend on the browser's locale.

import { fmtInt, fmtSi } from '../ui/format.ts';

export { fmtInt, fmtSi };

const three = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** A duration in ns with a unit that keeps 1–3 significant digits: 850 ns, 12.5 µs, 3.2 ms, 1.05 s. */
export function fmtNs(ns: number): string {
  const a = Math.abs(ns);
  if (a < 1e3) return `${three.format(ns)} ns`;
  if (a < 1e6) return `${three.format(ns / 1e3)} µs`;
  if (a < 1e9) return `${three.format(ns / 1e6)} ms`;
  return `${three.format(ns / 1e9)} s`;
}

/** A simulated moment (ns since the start) in ms with up to three decimals: "12.345 ms". */
export function fmtT(ns: number): string {
  return `${(ns / 1e6).toFixed(3)} ms`;
}

/** A page frame number in hex, the way kernel messages print IOVAs. */
export function fmtPfn(pfn: number): string {
  return `0x${Math.round(pfn).toString(16)}`;
}

/** Size class c covers 2^c granules (order_base_2 of the length): 4 KiB or 64 KiB each. */
export function classLabel(cls: number, granuleKiB = 4): string {
  const kib = granuleKiB << cls;
  return kib >= 1024 ? `${kib / 1024} MiB` : `${kib} KiB`;
}
