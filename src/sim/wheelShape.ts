// The event queue's timing-wheel shape (eventQueue.ts): bucket width 2^logW ns and bucket count nb,
// chosen from what the queue observed. Shape changes speed only, never the order of events.

const MIN_LOG_W = 0;
const MAX_LOG_W = 30;
const MIN_NB = 256;
const MAX_NB = 1 << 21;

export interface WheelShape {
  logW: number;
  nb: number;
}

/** A bucket count: the power of two in [MIN_NB, MAX_NB] nearest above n. */
export function nbFor(n: number): number {
  let nb = MIN_NB;
  while (nb < n && nb < MAX_NB) nb *= 2;
  return nb;
}

/** log2 of the mean gap between pops, smoothed: bursty loads (flush storms) swing it for a while. */
export function smoothLogGap(prev: number, gap: number): number {
  const x = Math.log2(gap);
  return Number.isNaN(prev) ? x : prev + (x - prev) / 4;
}

/**
 * The shape to use next. Width: about twice the mean gap between pops, i.e. two events a bucket at
 * the front, where nearly all pushes and every pop land; changed on a 4x mismatch only. Horizon:
 * its span is kept across a width change and doubled while more than 1/16 of the `pending` events
 * wait beyond it; the bucket count stays within 256x the pending events (memory).
 */
export function nextShape(curLogW: number, curNb: number, logGap: number, pending: number, beyond: number): WheelShape {
  let logW = curLogW;
  if (!Number.isNaN(logGap)) {
    const want = Math.min(MAX_LOG_W, Math.max(MIN_LOG_W, Math.round(logGap + 1)));
    if (Math.abs(want - logW) >= 2) logW = want;
  }
  let nb = curNb * 2 ** (curLogW - logW);
  if (beyond * 16 > pending) nb *= 2;
  if (nb > nbFor(256 * pending)) nb = nbFor(64 * pending);
  return { logW, nb: Math.min(MAX_NB, Math.max(MIN_NB, nb)) };
}
