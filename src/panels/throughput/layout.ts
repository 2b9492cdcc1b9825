// Vertical layout of the throughput panel: marker labels, the IOPS chart, one track per shown
// overlay, the shared time axis.

export interface ThroughputLayout {
  width: number;
  height: number;
  left: number;
  right: number;
  main: { y: number; h: number };
  tracks: { y: number; h: number }[];
  axisY: number;
}

export function throughputLayout(width: number, tracks: number): ThroughputLayout {
  const main = { y: 22, h: 170 };
  const t: { y: number; h: number }[] = [];
  let y = main.y + main.h + 12;
  for (let i = 0; i < tracks; i++) {
    t.push({ y, h: 66 });
    y += 66 + 10;
  }
  return { width, height: y + 26, left: 62, right: 14, main, tracks: t, axisY: y - 2 };
}
