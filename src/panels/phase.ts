// What a CPU is doing (LabView.cpuPhase), in words for tooltips and text alternatives: the
// `text` column of the CPU step table (src/sim/phases.ts CPU_STEPS).

import { CPU_STEPS } from '../sim/phases.ts';

export function phaseText(phase: number): string {
  return CPU_STEPS[phase]?.text ?? `phase ${phase}`;
}
