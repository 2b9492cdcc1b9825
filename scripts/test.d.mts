// Types of scripts/test.mjs for the TypeScript test beside it.
export interface Step {
  name: string;
  cmd: string;
  args: string[];
}
export interface StepResult {
  name: string;
  ok: boolean;
  code: number;
  secs: number;
}
export const STEPS: Step[];
export function runSteps(
  steps: Step[],
  exec: (s: Step) => number,
  log?: (line: string) => void,
  now?: () => number,
): { ok: boolean; results: StepResult[] };
