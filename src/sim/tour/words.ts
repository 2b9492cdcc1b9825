// Small formatting helpers for tour texts: numbers from the run, written the way the panels write them.

import type { TraceEvent } from '../trace.ts';

/** ns as µs with one decimal, or ms past 10 ms. */
export function dur(ns: number): string {
  if (ns >= 10_000_000) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1000) return `${(ns / 1000).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

/** A moment in the run: ms with three decimals (µs resolution). */
export function at(t: number): string {
  return `${(t / 1e6).toFixed(3)} ms`;
}

export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** pfn in hex, as the kernel prints it. */
export function pfn(v: number): string {
  return `0x${v.toString(16)}`;
}

export const num = (e: TraceEvent, k: string): number => e[k] as number;

/** The rest of an options list without repeats (the computed answer may equal a distractor). */
export function uniqueOptions(options: string[], answer: string): { options: string[]; answer: number } {
  const out = [...new Set(options)];
  return { options: out, answer: out.indexOf(answer) };
}
