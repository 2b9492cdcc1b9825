// Validation of scenario input (the fields and ranges documented in scenario.ts and
// docs/model.md). Fields missing from the input take their defaults;
// present fields are checked against their allowed range or set; unknown keys are reported. Values
// are never clamped. The result keeps every valid field, so a caller (URL, CLI, UI) can show the
// messages and still run with the rest.

import { DEFAULT_COSTS, type Costs } from './costs.ts';
import { KERNEL_IDS, kernelRules } from './kernel/versions.ts';
import { cloneScenario, DEFAULT_SCENARIO, SCHEMA_VERSION, type AgedClass, type Intervention, type Scenario, type SizeWeight } from './scenario.ts';

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
  deviceBps: { min: 0, max: 1e13 },
  devices: { min: 1, max: 64, int: true },
  numaNodes: { min: 1, max: 64, int: true },
};
const TOP_ENUM: Partial<Record<keyof Scenario, readonly string[]>> = {
  mode: ['strict', 'lazy', 'passthrough'],
  queue: ['percpu', 'single'],
  allocator: ['kernel', 'standin'],
  atomics: ['flat', 'arm64'],
};
const TOP_BOOL: (keyof Scenario)[] = ['counterReuse', 'pci', 'forcedac'];
const TOP_OTHER = new Set(['version', 'workload', 'interventions', 'costs', 'granuleKiB', 'aged']);

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
    else if (k === 'granuleKiB') {
      if (v === 4 || v === 64) s.granuleKiB = v;
      else errors.push(`granuleKiB: ${show(v)} is not allowed; expected 4 or 64 (KiB)`);
    } else if (k === 'aged') validateAged(v, s, errors);
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
      if (checkEnum(p, x, ['same', 'next', 'random', 'fixed', 'hwq'], errors)) w.completion = x as Scenario['workload']['completion'];
    } else if (k === 'completionCpu') {
      if (checkNum(p, x, { min: 0, max: 511, int: true }, errors)) w.completionCpu = x;
    } else if (k === 'hwQueues') {
      if (checkNum(p, x, { min: 1, max: 512, int: true }, errors)) w.hwQueues = x;
    } else if (k === 'migrateMs') {
      if (checkNum(p, x, { min: 0, max: 1e6 }, errors)) w.migrateMs = x;
    } else if (k === 'sizes') {
      if (!Array.isArray(x) || x.length === 0 || x.length > 16) {
        errors.push(`${p}: expected an array of 1 to 16 {pages, weight} entries`);
        continue;
      }
      const sizes = checkSizes(p, x, errors);
      if (sizes) w.sizes = sizes;
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

/** A size mix (workload.sizes or a 'sizes' intervention); null if any entry is bad. */
function checkSizes(p: string, x: unknown[], errors: string[]): SizeWeight[] | null {
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
  return ok ? sizes : null;
}

/** aged: at most one entry per size class 0..5, counts of IOVAs (URL key `age` in the blob). */
function validateAged(v: unknown, s: Scenario, errors: string[]): void {
  if (!Array.isArray(v) || v.length > 6) {
    errors.push('aged: expected an array of at most 6 {cls, cpuIovas, depotIovas} entries (URL: age=cls:cpu:depot,…)');
    return;
  }
  const out: AgedClass[] = [];
  let ok = true;
  v.forEach((e, i) => {
    const p = `aged[${i}]`;
    if (!isObj(e)) {
      errors.push(`${p}: expected {cls, cpuIovas, depotIovas}`);
      ok = false;
      return;
    }
    const a = checkNum(`${p}.cls`, e.cls, { min: 0, max: 5, int: true }, errors);
    const b = checkNum(`${p}.cpuIovas`, e.cpuIovas, { min: 0, max: 1e6, int: true }, errors);
    const c = checkNum(`${p}.depotIovas`, e.depotIovas, { min: 0, max: 1e6, int: true }, errors);
    if (a && out.some((o) => o.cls === e.cls)) {
      errors.push(`${p}.cls: class ${e.cls} appears twice`);
      ok = false;
    }
    ok = ok && a && b && c;
    if (a && b && c) out.push({ cls: e.cls as number, cpuIovas: e.cpuIovas as number, depotIovas: e.depotIovas as number });
  });
  if (ok) s.aged = out;
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
    } else if (x.kind === 'sizes') {
      const sizes = Array.isArray(x.sizes) && x.sizes.length > 0 && x.sizes.length <= 16 ? checkSizes(`${p}.sizes`, x.sizes, errors) : null;
      if (!Array.isArray(x.sizes) || x.sizes.length === 0 || x.sizes.length > 16) errors.push(`${p}.sizes: expected an array of 1 to 16 {pages, weight} entries`);
      if (at && sizes) list.push({ kind: 'sizes', atMs: x.atMs as number, sizes });
    } else if (x.kind === 'burst') {
      const n = checkNum(`${p}.count`, x.count, { min: 1, max: 100000, int: true }, errors);
      const g = checkNum(`${p}.pages`, x.pages, { min: 1, max: 65536, int: true }, errors);
      const c = checkNum(`${p}.cpu`, x.cpu, { min: 0, max: 511, int: true }, errors);
      const h = checkNum(`${p}.holdMs`, x.holdMs, { min: 0, max: 600000 }, errors);
      if (at && n && g && c && h) list.push({ kind: 'burst', atMs: x.atMs as number, count: x.count as number, pages: x.pages as number, cpu: x.cpu as number, holdMs: x.holdMs as number });
    } else errors.push(`${p}.kind: ${JSON.stringify(x.kind)} is not allowed; expected pause | mode | migrate | sizes | burst`);
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
    if (x.kind === 'burst') cpuRef(`interventions[${i}].cpu`, x.cpu);
    if (x.kind === 'migrate') {
      cpuRef(`interventions[${i}].from`, x.from);
      cpuRef(`interventions[${i}].to`, x.to);
    }
    return errors.length === before;
  });
  if (s.workload.completion === 'fixed' && s.workload.completionCpu >= s.cpus) s.workload.completionCpu = 0;
  if (s.numaNodes > s.cpus) {
    errors.push(`numaNodes (URL numa): ${s.numaNodes} nodes exceed cpus (${s.cpus})`);
    s.numaNodes = 1;
  }
}
