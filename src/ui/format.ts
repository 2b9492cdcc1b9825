// Number formatting for the page. Fixed to en-US so text (and screenshots) do not depend on the
// browser's locale.

// fmtInt and fmtSi live with the panels (the lower layer) and are shared from there.
export { fmtInt, fmtSi } from '../panels/format.ts';

const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });


/** Nanoseconds as microseconds with at most one decimal; exactly "0" for 0. */
export function fmtUs(ns: number): string {
  if (ns === 0) return '0';
  return one.format(ns / 1000);
}

/** Milliseconds with at most two decimals. */
export function fmtMs(ms: number): string {
  return two.format(ms);
}

/** A share as a percentage with one decimal: 0.674 -> "67.4 %"; tiny non-zero shares -> "< 0.1 %". */
export function fmtPct(x: number): string {
  if (x > 0 && x < 0.0005) return '< 0.1 %';
  return `${one.format(x * 100)} %`;
}

