// One line of ftrace text (/sys/kernel/tracing/trace) or `trace-cmd report` output, split into its
// header fields and payload (README "Replay a trace from your machine"). Pure: no I/O, no clock.
//
// The header is what the ftrace output code prints before each event (print_trace_fmt and
// friends in kernel/trace/trace_output.c, not copied):
//   <comm>-<pid> [(<tgid>)] [<cpu>] [<flags>] <secs>.<frac>: [<system>:]<event>: <payload>
// - `(tgid)` appears with the record-tgid option, `(-------)` when unknown;
// - flags are 4 characters (irqs-off, need-resched, hardirq/softirq, preempt depth) or 5 with
//   migrate-disable (v5.14+); `trace-cmd report` prints them only with -l (latency format);
// - the time has 6 fractional digits (usecs) by default, 9 with trace-cmd's nanosecond output.

/** A header-level parse: either an event line, or why this line is not one. */
export type LineParse =
  | { kind: 'event'; comm: string; pid: number; cpu: number; secs: number; ns: number; system?: string; event: string; payload: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'reject'; reason: string };

// comm may hold spaces and dashes: the lazy group ends at the last "-<digits>" before the CPU field.
const HEADER =
  /^\s*(.*?)-(\d{1,10})\s+(?:\(\s*(?:-+|\d{1,10})\)\s+)?\[(\d{1,6})\]\s+(?:([A-Za-z0-9.]{4,5})\s+)?(\d{1,12})\.(\d{1,9}):\s+(?:(\w+):)?(\w+):(?:\s+(.*))?$/;

/** Why a line that looks almost like an event is not one: the first header field that is wrong. */
function diagnose(line: string): string {
  if (!/^\s*\S.*?-\d+\s/.test(line)) return 'not an ftrace event line (expected "comm-pid [cpu] secs.usecs: event: payload")';
  if (!/\[\d+\]/.test(line)) return 'no [cpu] field';
  if (!/\]\s+(?:\S{4,5}\s+)?\d+\.\d+:/.test(line)) return 'no "secs.usecs:" timestamp after the [cpu] field';
  return 'no "event:" name after the timestamp';
}

/** Longest line accepted: a real event line is a few hundred bytes; a sg array of 128 entries ~6 KiB. */
export const MAX_LINE = 16384;

/**
 * Parses one line (without its newline; a trailing CR is ignored, so CRLF files read the same).
 * `maxCpu` is the highest CPU number accepted (the lab models CPUs 0..511).
 */
export function parseLine(raw: string, maxCpu = 511): LineParse {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.length > MAX_LINE) return { kind: 'reject', reason: `line longer than ${MAX_LINE} characters` };
  const t = line.trim();
  if (t === '') return { kind: 'skip', reason: 'blank line' };
  // The trace file's own header (# tracer: nop, # entries-in-buffer, the column legend) and
  // trace-cmd report's preamble (version = 6, cpus=8, CPU 3 is empty).
  if (t.startsWith('#') || /^(?:version = \d+|cpus=\d+|CPU \d+ is empty|trace-cmd: .*)$/.test(t)) return { kind: 'skip', reason: 'header or comment' };
  // Ring-buffer overruns: ftrace prints "CPU:N [LOST M EVENTS]" (trace_find_next_entry_inc). The
  // events lost cannot be paired, which the replay report says.
  if (/^CPU:\d+ \[LOST \d+ EVENTS\]$/.test(t)) return { kind: 'skip', reason: 'lost events (ring buffer overrun)' };
  const m = HEADER.exec(line);
  if (!m) return { kind: 'reject', reason: diagnose(line) };
  const cpu = Number(m[3]);
  if (cpu > maxCpu) return { kind: 'reject', reason: `CPU ${cpu} out of range (the lab models CPUs 0..${maxCpu})` };
  // Seconds and nanoseconds apart: secs * 1e9 passes 2^53 after 104 days of uptime. The importer
  // measures time from the first event, which stays exact.
  return { kind: 'event', comm: m[1], pid: Number(m[2]), cpu, secs: Number(m[5]), ns: Number(m[6].padEnd(9, '0')), system: m[7], event: m[8], payload: m[9] ?? '' };
}
