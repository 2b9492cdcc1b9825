// Validation of scenario input (DESIGN.md §3.1). Fields missing from the input take their defaults;
// present fields are checked against their allowed range or set; unknown keys are reported. Values
// are never clamped. The result keeps every valid field, so a caller (URL, CLI, UI) can show the
// messages and still run with the rest.

import { DEFAULT_COSTS, type Costs } from './costs.ts';
import { KERNEL_IDS, kernelRules } from './kernel/versions.ts';
import { cloneScenario, DEFAULT_SCENARIO, SCHEMA_VERSION, type Intervention, type Scenario } from './scenario.ts';

type Num = { min: number; max: number; int?: boolean; pow2orZero?: boolean };

const TOP_NUM: Partial<Record<keyof Scenario, Num>> = {
  seed: { min: 0, max: 0xffffffff, int: true },
  cpus: { min: 1, max: 512, int: true },
  fqSize: { min: 0, max: 65536, int: true, pow2orZero: true },
  fqTimeoutMs: { min: 0, max: 10000 },
  timerHz: { min: 0, max: 1000, int: true },
  magSize: { min: 0, max: 1024, int: true },
  depotMax: { min: 1, max: 4096, int: true },
  reclaimDelayMs: { min: 1, max: 10000 },
  iotlbEntries: { min: 1, max: 65536, int: true },
  dmaBits: { min: 33, max: 64, int: true },
  durationMs: { min: 0.001, max: 600000 },
};
const TOP_ENUM: Partial<Record<keyof Scenario, readonly string[]>> = {
  mode: ['strict', 'lazy', 'passthrough'],
  queue: ['percpu', 'single'],
  allocator: ['kernel', 'standin'],
};
const TOP_BOOL: (keyof Scenario)[] = ['counterReuse', 'pci', 'forcedac'];
const TOP_OTHER = new Set(['version', 'workload', 'interventions', 'costs']);

export interface Validation {
  scenario: Scenario;
  errors: string[];
}

const show = (v: unknown): string => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v));
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkNum(path: string, v: unknown, r: Num, errors: string[]): v is number {
  const range = `${r.int ? 'an integer' : 'a number'} in [${r.min}, ${r.max}]`;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < r.min || v > r.max || (r.int && !Number.isInteger(v))) {
    errors.push(`${path}: ${show(v)} is not allowed; expected ${range}${r.pow2orZero ? ' that is 0 or a power of two' : ''}`);
    return false;
  }
  if (r.pow2orZero && v !== 0 && (v < 2 || (v & (v - 1)) !== 0)) {
    errors.push(`${path}: ${v} is not allowed; expected 0 (default) or a power of two >= 2`);
    return false;
  }
  return true;
}

function checkEnum(path: string, v: unknown, allowed: readonly string[], errors: string[]): v is string {
  if (typeof v === 'string' && allowed.includes(v)) return true;
  errors.push(`${path}: ${JSON.stringify(v)} is not allowed; expected one of ${allowed.join(' | ')}`);
  return false;
}

/**
 * `cross: false` skips the rules that relate several fields (kernel vs queue, CPU numbers vs cpus),
 * for callers that apply fields one at a time and check those rules once at the end (url/codec).
 */
export function validateScenario(input: unknown, opts: { cross?: boolean } = {}): Validation {
  const s = cloneScenario(DEFAULT_SCENARIO);
  const errors: string[] = [];
  if (!isObj(input)) return { scenario: s, errors: ['scenario: expected an object'] };
  const out = s as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(input)) {
    const key = k as keyof Scenario;
    if (TOP_NUM[key]) {
      if (checkNum(k, v, TOP_NUM[key]!, errors)) out[k] = v;
    } else if (TOP_ENUM[key]) {
      if (checkEnum(k, v, TOP_ENUM[key]!, errors)) out[k] = v;
    } else if (TOP_BOOL.includes(key)) {
      if (typeof v === 'boolean') out[k] = v;
      else errors.push(`${k}: ${JSON.stringify(v)} is not allowed; expected true or false`);
    } else if (k === 'kernel') {
      if (typeof v === 'string' && kernelRules(v)) s.kernel = v;
      else errors.push(`kernel (URL key kv): ${JSON.stringify(v)} is not a version the lab models; expected one of ${KERNEL_IDS.join(' | ')}`);
    } else if (k === 'version') {
      if (v !== SCHEMA_VERSION) errors.push(`version: ${JSON.stringify(v)} is not supported; expected ${SCHEMA_VERSION}`);
    } else if (k === 'workload') validateWorkload(v, s, errors);
    else if (k === 'interventions') validateInterventions(v, s, errors);
    else if (k === 'costs') validateCosts(v, s, errors);
    else if (!TOP_OTHER.has(k)) errors.push(`${k}: unknown key`);
  }
  if (opts.cross !== false) crossChecks(s, errors);
  return { scenario: s, errors };
}

function validateWorkload(v: unknown, s: Scenario, errors: string[]): void {
  if (!isObj(v)) {
    errors.push('workload: expected an object');
    return;
  }
  const w = s.workload;
  for (const [k, x] of Object.entries(v)) {
    const p = `workload.${k}`;
    if (k === 'loadCpus') {
      if (checkNum(p, x, { min: 0, max: 512, int: true }, errors)) w.loadCpus = x;
    } else if (k === 'qd') {
      if (checkNum(p, x, { min: 1, max: 4096, int: true }, errors)) w.qd = x;
    } else if (k === 'completion') {
      if (checkEnum(p, x, ['same', 'next', 'random', 'fixed'], errors)) w.completion = x as Scenario['workload']['completion'];
    } else if (k === 'completionCpu') {
      if (checkNum(p, x, { min: 0, max: 511, int: true }, errors)) w.completionCpu = x;
    } else if (k === 'migrateMs') {
      if (checkNum(p, x, { min: 0, max: 1e6 }, errors)) w.migrateMs = x;
    } else if (k === 'sizes') {
      if (!Array.isArray(x) || x.length === 0 || x.length > 16) {
        errors.push(`${p}: expected an array of 1 to 16 {pages, weight} entries`);
        continue;
      }
      const sizes = [];
      let ok = true;
      for (let i = 0; i < x.length; i++) {
        const e = x[i];
        if (!isObj(e)) {
          errors.push(`${p}[${i}]: expected {pages, weight}`);
          ok = false;
          continue;
        }
        ok = checkNum(`${p}[${i}].pages`, e.pages, { min: 1, max: 65536, int: true }, errors) && ok;
        ok = checkNum(`${p}[${i}].weight`, e.weight, { min: 0.001, max: 1e6 }, errors) && ok;
        for (const kk of Object.keys(e)) if (kk !== 'pages' && kk !== 'weight') errors.push(`${p}[${i}].${kk}: unknown key`);
        sizes.push({ pages: e.pages as number, weight: e.weight as number });
      }
      if (ok) w.sizes = sizes;
    } else if (k === 'latency') {
      if (!isObj(x)) {
        errors.push(`${p}: expected {dist, meanUs, spreadUs}`);
        continue;
      }
      for (const [lk, lv] of Object.entries(x)) {
        const lp = `${p}.${lk}`;
        if (lk === 'dist') {
          if (checkEnum(lp, lv, ['fixed', 'uniform', 'exponential'], errors)) w.latency.dist = lv as Scenario['workload']['latency']['dist'];
        } else if (lk === 'meanUs') {
          if (checkNum(lp, lv, { min: 0.1, max: 1e6 }, errors)) w.latency.meanUs = lv;
        } else if (lk === 'spreadUs') {
          if (checkNum(lp, lv, { min: 0, max: 1e6 }, errors)) w.latency.spreadUs = lv;
        } else errors.push(`${lp}: unknown key`);
      }
    } else errors.push(`${p}: unknown key`);
  }
}

function validateInterventions(v: unknown, s: Scenario, errors: string[]): void {
  if (!Array.isArray(v) || v.length > 64) {
    errors.push('interventions: expected an array of at most 64 interventions');
    return;
  }
  const list: Intervention[] = [];
  v.forEach((x, i) => {
    const p = `interventions[${i}]`;
    if (!isObj(x)) {
      errors.push(`${p}: expected an object`);
      return;
    }
    const at = checkNum(`${p}.atMs`, x.atMs, { min: 0, max: 600000 }, errors);
    if (x.kind === 'pause') {
      const f = checkNum(`${p}.forMs`, x.forMs, { min: 0.001, max: 600000 }, errors);
      const cpus = Array.isArray(x.cpus) && x.cpus.length > 0 && x.cpus.every((c) => Number.isInteger(c) && c >= 0 && c < 512);
      if (!cpus) errors.push(`${p}.cpus: expected a non-empty array of CPU numbers in [0, 511]`);
      if (at && f && cpus) list.push({ kind: 'pause', atMs: x.atMs as number, forMs: x.forMs as number, cpus: x.cpus as number[] });
    } else if (x.kind === 'mode') {
      if (checkEnum(`${p}.mode`, x.mode, ['strict', 'lazy', 'passthrough'], errors) && at)
        list.push({ kind: 'mode', atMs: x.atMs as number, mode: x.mode as Scenario['mode'] });
    } else if (x.kind === 'migrate') {
      const a = checkNum(`${p}.from`, x.from, { min: 0, max: 511, int: true }, errors);
      const b = checkNum(`${p}.to`, x.to, { min: 0, max: 511, int: true }, errors);
      if (at && a && b) list.push({ kind: 'migrate', atMs: x.atMs as number, from: x.from as number, to: x.to as number });
    } else errors.push(`${p}.kind: ${JSON.stringify(x.kind)} is not allowed; expected pause | mode | migrate`);
  });
  s.interventions = list;
}

function validateCosts(v: unknown, s: Scenario, errors: string[]): void {
  if (!isObj(v)) {
    errors.push('costs: expected an object');
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (!(k in DEFAULT_COSTS)) errors.push(`costs.${k}: unknown key`);
    else if (checkNum(`costs.${k}`, x, { min: 0, max: 1e9, int: true }, errors)) s.costs[k as keyof Costs] = x;
  }
}

function crossChecks(s: Scenario, errors: string[]): void {
  if (s.queue === 'single' && !kernelRules(s.kernel)?.singleQueue) {
    errors.push(`queue: "single" exists only from kernel 6.7 (q=single needs kv=6.7 or later); kernel is ${s.kernel}`);
    s.queue = 'percpu';
  }
  const cpuRef = (path: string, c: number) => {
    if (c >= s.cpus) errors.push(`${path}: CPU ${c} does not exist; expected 0..${s.cpus - 1}`);
  };
  if (s.workload.loadCpus > s.cpus) {
    errors.push(`workload.loadCpus: ${s.workload.loadCpus} exceeds cpus (${s.cpus})`);
    s.workload.loadCpus = 0;
  }
  if (s.workload.completion === 'fixed') cpuRef('workload.completionCpu', s.workload.completionCpu);
  s.interventions = s.interventions.filter((x, i) => {
    const before = errors.length;
    if (x.kind === 'pause') {
      const missing = x.cpus.filter((c) => c >= s.cpus);
      if (missing.length) errors.push(`interventions[${i}].cpus: CPU ${missing.join(', ')} do${missing.length === 1 ? 'es' : ''} not exist; expected 0..${s.cpus - 1}`);
    }
    if (x.kind === 'migrate') {
      cpuRef(`interventions[${i}].from`, x.from);
      cpuRef(`interventions[${i}].to`, x.to);
    }
    return errors.length === before;
  });
  if (s.workload.completion === 'fixed' && s.workload.completionCpu >= s.cpus) s.workload.completionCpu = 0;
}
