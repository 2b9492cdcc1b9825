// A/B compare (issue 16), URL key `cmp`: the second scenario B as a set of differences from the
// scenario A the rest of the link describes, in the scenario's own key names (fields.ts):
//
//   cmp=mode:strict          B is A in strict mode
//   cmp=cr:1,kv:6.7          B is A with counter reuse on, on kernel 6.7
//
// Parts are `key:value`, joined by `,` — two characters a URL keeps as they are, so the link stays
// readable in a mail (`key=value` with the `=` percent-encoded, `cmp=mode%3Dstrict`, is read too).
// Only the scalar keys (SCALAR_FIELDS) may differ: the size mix, latency and interventions stay
// A's, so both runs have the same workload shape. B is derived from A each time A changes (the
// differences are kept, not B itself). A part that cannot be read gets a message naming `cmp` and
// the part, and is left out of B; a B that is not a valid scenario turns the compare off, named.
// Pure: the codec (view.ts), the store and the page use the same functions.

import { KERNEL_VERSIONS, type KernelRules } from '../sim/kernel/versions.ts';
import { memoryRefusal } from '../sim/memory.ts';
import { cloneScenario, SCHEMA_VERSION, type Scenario } from '../sim/scenario.ts';
import { validateScenario } from '../sim/validate.ts';
import { fieldOf, SCALAR_FIELDS } from './fields.ts';

/** One difference of B from A: a scalar URL key and its canonical text (as the codec writes it). */
export interface CmpPart {
  key: string;
  value: string;
}

/** At most this many differences; the scalar keys number about 40, so more is junk. */
export const MAX_CMP_PARTS = 16;

const clip = (v: string): string => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/**
 * Reads a `cmp` value against scenario A. Each part is set on A and range-checked on its own (as
 * the codec checks scenario keys); the parts that pass are the differences, canonical (`cpus:016`
 * reads as `cpus:16`). `diff` is undefined when no part passed or B is not valid with them all.
 */
export function decodeCmp(text: string, a: Scenario): { diff: CmpPart[] | undefined; errors: string[] } {
  const errors: string[] = [];
  const raw = text.split(',').filter((p) => p.trim() !== '');
  if (raw.length === 0) return { diff: undefined, errors: [`cmp: "${clip(text)}" names no difference; expected key:value[,key:value…] (e.g. cmp=mode:strict); no compare`] };
  if (raw.length > MAX_CMP_PARTS) return { diff: undefined, errors: [`cmp: ${raw.length} differences; expected at most ${MAX_CMP_PARTS}; no compare`] };
  const diff: CmpPart[] = [];
  for (const part of raw) {
    const m = /^([^:=]*)[:=](.*)$/s.exec(part.trim());
    if (!m) {
      errors.push(`cmp: "${clip(part)}" is not key:value (e.g. mode:strict); left out of B`);
      continue;
    }
    const [, key, value] = m;
    const f = fieldOf(SCALAR_FIELDS, key);
    if (!f) {
      errors.push(`cmp: unknown key "${clip(key)}" in "${clip(part)}" (B differs from A in scenario keys such as mode, cr, kv, cpus); left out of B`);
      continue;
    }
    if (diff.some((d) => d.key === key)) {
      errors.push(`cmp: ${key} given twice; the first is used`);
      continue;
    }
    const trial = cloneScenario(a);
    try {
      f.set(trial, value);
    } catch (err) {
      errors.push(`cmp: ${key}:"${clip(value)}" rejected: ${(err as Error).message}; left out of B`);
      continue;
    }
    const v = validateScenario({ ...trial, version: SCHEMA_VERSION }, { cross: false });
    if (v.errors.length) errors.push(`cmp: ${key}:"${clip(value)}" rejected: ${v.errors.join('; ')}; left out of B`);
    else diff.push({ key, value: f.get(v.scenario) });
  }
  if (diff.length === 0) return { diff: undefined, errors: [...errors, 'cmp: no difference left; no compare'] };
  const b = scenarioB(a, diff);
  if (b.error) return { diff: undefined, errors: [...errors, `cmp: ${b.error}; no compare`] };
  return { diff, errors };
}

/** The canonical text of a difference list: `key:value` joined by `,` (values percent-encoded). */
export function encodeCmp(diff: readonly CmpPart[]): string {
  return diff.map((d) => `${d.key}:${encodeURIComponent(d.value)}`).join(',');
}

/** The differences as people read them: "mode strict, cr 1". */
export function describeCmp(diff: readonly CmpPart[]): string {
  return diff.map((d) => `${d.key} ${d.value}`).join(', ');
}

/**
 * Scenario B: A with the differences applied, validated whole (cross-field rules included, e.g.
 * the single queue exists only from kernel 6.7). With `memory`, also within the page's memory
 * (src/sim/memory.ts), as the page checks A before running it; a link is read without it.
 */
export function scenarioB(a: Scenario, diff: readonly CmpPart[], opts: { memory?: boolean } = {}): { scenario: Scenario | null; error: string | null } {
  const trial = cloneScenario(a);
  try {
    for (const d of diff) fieldOf(SCALAR_FIELDS, d.key)!.set(trial, d.value);
  } catch (err) {
    return { scenario: null, error: `B (A with ${describeCmp(diff)}) cannot be built: ${(err as Error).message}` };
  }
  const v = validateScenario({ ...trial, version: SCHEMA_VERSION });
  if (v.errors.length) return { scenario: null, error: `B (A with ${describeCmp(diff)}) is not a valid scenario: ${v.errors.join('; ')}` };
  const tooBig = opts.memory ? memoryRefusal(v.scenario) : null;
  if (tooBig) return { scenario: null, error: `B (A with ${describeCmp(diff)}): ${tooBig}` };
  return { scenario: v.scenario, error: null };
}

/** The fields the page's Compare buttons flip (src/ui/Controls.tsx). */
export type FlipField = 'mode' | 'cr' | 'kv';

/** The rules a version changes that the engine reads (fqFile only moves code: labels, not behaviour). */
const behaviour = (r: KernelRules): string => {
  const { version: _v, fqFile: _f, ...rest } = r;
  return JSON.stringify(rest);
};

/**
 * The kernel version B gets from A's: the next newer version whose rules differ (a retry rule, the
 * SAC trick, the magazine size, the depot, the single queue: src/sim/kernel/versions.ts); from the
 * newest rule set, the nearest older version that differs. Null when none gives a valid B.
 */
export function nextRuleVersion(a: Scenario): string | null {
  const i = KERNEL_VERSIONS.findIndex((v) => v.id === a.kernel);
  if (i < 0) return null;
  const mine = behaviour(KERNEL_VERSIONS[i].rules);
  const ok = (j: number) => behaviour(KERNEL_VERSIONS[j].rules) !== mine && scenarioB(a, [{ key: 'kv', value: KERNEL_VERSIONS[j].id }]).scenario !== null;
  for (let j = i + 1; j < KERNEL_VERSIONS.length; j++) if (ok(j)) return KERNEL_VERSIONS[j].id;
  for (let j = i - 1; j >= 0; j--) if (ok(j)) return KERNEL_VERSIONS[j].id;
  return null;
}

/**
 * The difference a Compare button opens: mode strict ↔ lazy (passthrough compares with lazy),
 * counter reuse 0 ↔ 1, the kernel version to the next that changes a rule. Null when B would not
 * be a valid scenario.
 */
export function flipCmp(a: Scenario, field: FlipField): CmpPart[] | null {
  let diff: CmpPart[];
  if (field === 'mode') diff = [{ key: 'mode', value: a.mode === 'lazy' ? 'strict' : 'lazy' }];
  else if (field === 'cr') diff = [{ key: 'cr', value: a.counterReuse ? '0' : '1' }];
  else {
    const kv = nextRuleVersion(a);
    if (kv === null) return null;
    diff = [{ key: 'kv', value: kv }];
  }
  return scenarioB(a, diff, { memory: true }).scenario ? diff : null;
}
