// The version marker of a pseudocode line whose wording depends on a kernel rule: which modelled
// versions share the shown wording, and the other wordings with their versions, all read from
// src/sim/kernel/versions.ts (the rules are not restated here).

import { KERNEL_VERSIONS, type KernelRules } from '../../sim/kernel/versions.ts';
import type { Versioned } from './program.ts';

/** The versions whose rule has `value`, as ranges of consecutive ids: "5.4–5.13, 5.17". */
export function versionsWith(rule: Versioned['rule'], value: string): string {
  const runs: string[][] = [];
  let open = false;
  for (const v of KERNEL_VERSIONS) {
    const hit = String(v.rules[rule]) === value;
    if (hit && open) runs[runs.length - 1].push(v.id);
    else if (hit) runs.push([v.id]);
    open = hit;
  }
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]}–${r[r.length - 1]}`)).join(', ');
}

export interface VersionMark {
  /** Short label beside the line: the versions that read this way, e.g. "6.6–6.12". */
  label: string;
  /** The tooltip: the commit, this version's wording, the others with their versions. */
  tip: string;
}

export function versionMark(v: Versioned, rules: KernelRules): VersionMark {
  const value = String(rules[v.rule]);
  const label = versionsWith(v.rule, value);
  const others = Object.entries(v.forms)
    .filter(([k]) => k !== value)
    .map(([k, text]) => {
      const where = versionsWith(v.rule, k);
      return `${where ? `In ${where}` : 'In older kernels, not modelled here'}: ${text}.`;
    });
  return { label, tip: [`Changed by ${v.commit}. Kernel ${rules.version} (as ${label}) reads as shown.`, ...others].join(' ') };
}
