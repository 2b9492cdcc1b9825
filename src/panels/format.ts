// Number formatting the panels share (labels, tooltips, text alternatives), and the page reuses
// (src/ui/format.ts). Fixed to en-US so text and screenshots do not depend on the browser's locale.

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const three = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** 1246290 -> "1,246,290". */
export function fmtInt(n: number): string {
  return int.format(n);
}

/** Compact SI: 1246290 -> "1.25M", 980 -> "980". */
export function fmtSi(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${two.format(n / 1e9)}G`;
  if (a >= 1e6) return `${two.format(n / 1e6)}M`;
  if (a >= 1e3) return `${one.format(n / 1e3)}k`;
  return one.format(n);
}

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
