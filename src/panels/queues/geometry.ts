// Ring geometry: slot i of a ring of `size` slots is an annular sector starting at 12 o'clock and
// going clockwise, so head and tail chase each other around the dial the way the kernel's indices
// wrap. Pure maths for drawing and hit-testing (hover: which slot is under the pointer).

export interface RingGeom {
  cx: number;
  cy: number;
  /** Inner and outer radius of the slot band. */
  r0: number;
  r1: number;
  size: number;
}

const TAU = Math.PI * 2;

/** Angle (radians, canvas convention: clockwise from +x) where slot i begins. */
export function slotAngle(i: number, size: number): number {
  return -Math.PI / 2 + (TAU * i) / size;
}

/** The slot under point (x, y), or -1 when the point is off the band. */
export function slotAt(g: RingGeom, x: number, y: number): number {
  const dx = x - g.cx;
  const dy = y - g.cy;
  const d = Math.hypot(dx, dy);
  if (d < g.r0 || d > g.r1) return -1;
  // angle from 12 o'clock, clockwise, in [0, 1)
  let a = (Math.atan2(dy, dx) + Math.PI / 2) / TAU;
  a -= Math.floor(a);
  return Math.min(g.size - 1, Math.floor(a * g.size));
}

/** A ring of outer radius r1 whose band is `frac` of the radius thick (at least minBand px). */
export function ringGeom(cx: number, cy: number, r1: number, size: number, frac: number, minBand: number): RingGeom {
  const band = Math.max(minBand, r1 * frac);
  return { cx, cy, r1, r0: Math.max(0, r1 - band), size };
}

/** The point at radius r on the boundary where slot i begins (for head / tail markers). */
export function slotPoint(g: RingGeom, i: number, r: number): [number, number] {
  const a = slotAngle(i, g.size);
  return [g.cx + r * Math.cos(a), g.cy + r * Math.sin(a)];
}
