// Scenario <-> URL hash (DESIGN.md §3.4): `v=1&p=cliff&mode=lazy&cpus=16&…&t=123456`. Short keys,
// only values that differ from the preset named by `p`. Decoding never throws and never executes
// anything: each key is applied on its own and validated; a rejected key yields a specific message
// and the rest are kept. The CLI's --scenario takes the same string.

import { DEFAULT_PRESET, findPreset, presetScenario } from '../sim/presets.ts';
import { DEFAULT_COSTS, type Costs } from '../sim/costs.ts';
import { SCHEMA_VERSION, validateScenario, type Intervention, type Scenario } from '../sim/scenario.ts';

export const URL_VERSION = 1;
const MAX_HASH = 4000;

type Field = { get: (s: Scenario) => string; set: (s: Scenario, v: string) => void };
/** A number in any plain decimal form ("5", ".5", "1e-3", "+2"); anything else is NaN. */
const num = (v: string): number => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : NaN);
const bool = (v: string): boolean => {
  if (v === '1') return true;
  if (v === '0') return false;
  throw new Error('expected 0 or 1');
};
const LAT = { fixed: 'fix', uniform: 'uni', exponential: 'exp' } as const;

const FIELDS: Record<string, Field> = {
  seed: { get: (s) => String(s.seed), set: (s, v) => (s.seed = num(v)) },
  mode: { get: (s) => s.mode, set: (s, v) => (s.mode = v as Scenario['mode']) },
  era: { get: (s) => s.era, set: (s, v) => (s.era = v as Scenario['era']) },
  q: { get: (s) => s.queue, set: (s, v) => (s.queue = v as Scenario['queue']) },
  cr: { get: (s) => (s.counterReuse ? '1' : '0'), set: (s, v) => (s.counterReuse = bool(v)) },
  cpus: { get: (s) => String(s.cpus), set: (s, v) => (s.cpus = num(v)) },
  dur: { get: (s) => String(s.durationMs), set: (s, v) => (s.durationMs = num(v)) },
  fq: { get: (s) => String(s.fqSize), set: (s, v) => (s.fqSize = num(v)) },
  fqt: { get: (s) => String(s.fqTimeoutMs), set: (s, v) => (s.fqTimeoutMs = num(v)) },
  hz: { get: (s) => String(s.timerHz), set: (s, v) => (s.timerHz = num(v)) },
  mag: { get: (s) => String(s.magSize), set: (s, v) => (s.magSize = num(v)) },
  depot: { get: (s) => String(s.depotMax), set: (s, v) => (s.depotMax = num(v)) },
  rcl: { get: (s) => String(s.reclaimDelayMs), set: (s, v) => (s.reclaimDelayMs = num(v)) },
  tlb: { get: (s) => String(s.iotlbEntries), set: (s, v) => (s.iotlbEntries = num(v)) },
  dma: { get: (s) => String(s.dmaBits), set: (s, v) => (s.dmaBits = num(v)) },
  pci: { get: (s) => (s.pci32First ? '1' : '0'), set: (s, v) => (s.pci32First = bool(v)) },
  al: { get: (s) => s.allocator, set: (s, v) => (s.allocator = v as Scenario['allocator']) },
  lc: { get: (s) => String(s.workload.loadCpus), set: (s, v) => (s.workload.loadCpus = num(v)) },
  qd: { get: (s) => String(s.workload.qd), set: (s, v) => (s.workload.qd = num(v)) },
  cp: { get: (s) => s.workload.completion, set: (s, v) => (s.workload.completion = v as Scenario['workload']['completion']) },
  cc: { get: (s) => String(s.workload.completionCpu), set: (s, v) => (s.workload.completionCpu = num(v)) },
  wm: { get: (s) => String(s.workload.migrateMs), set: (s, v) => (s.workload.migrateMs = num(v)) },
  sz: {
    get: (s) => s.workload.sizes.map((x) => `${x.pages}:${x.weight}`).join(','),
    set: (s, v) => {
      s.workload.sizes = v.split(',').map((p) => {
        const [a, b, ...rest] = p.split(':');
        if (rest.length || b === undefined) throw new Error('expected pages:weight[,pages:weight…]');
        return { pages: num(a), weight: num(b) };
      });
    },
  },
  lat: {
    get: (s) => `${LAT[s.workload.latency.dist]}:${s.workload.latency.meanUs}:${s.workload.latency.spreadUs}`,
    set: (s, v) => {
      const [d, m, sp, ...rest] = v.split(':');
      const dist = (Object.keys(LAT) as (keyof typeof LAT)[]).find((k) => LAT[k] === d);
      if (!dist || rest.length || sp === undefined) throw new Error('expected fix|uni|exp:meanUs:spreadUs');
      s.workload.latency = { dist, meanUs: num(m), spreadUs: num(sp) };
    },
  },
  iv: { get: (s) => s.interventions.map(encodeIntervention).join(';'), set: (s, v) => (s.interventions = v ? v.split(';').map(decodeIntervention) : []) },
};
for (const k of Object.keys(DEFAULT_COSTS) as (keyof Costs)[]) {
  FIELDS[`c.${k}`] = { get: (s) => String(s.costs[k]), set: (s, v) => (s.costs[k] = num(v)) };
}

function encodeIntervention(x: Intervention): string {
  if (x.kind === 'pause') return `pause@${x.atMs}+${x.forMs}:${x.cpus.join('.')}`;
  if (x.kind === 'mode') return `mode@${x.atMs}:${x.mode}`;
  return `mig@${x.atMs}:${x.from}>${x.to}`;
}

/** A decimal number as String(number) writes it, including exponent form ("1e-7"). */
const NUM = String.raw`(\d*\.?\d+(?:e[+-]?\d+)?)`;
const PAUSE_RE = new RegExp(String.raw`^pause@${NUM}[+ ]${NUM}:([\d.]+)$`, 'i');
const MODE_RE = new RegExp(String.raw`^mode@${NUM}:(\w+)$`, 'i');
const MIG_RE = new RegExp(String.raw`^mig@${NUM}:(\d+)>(\d+)$`, 'i');

function decodeIntervention(v: string): Intervention {
  let m = PAUSE_RE.exec(v);
  if (m) return { kind: 'pause', atMs: num(m[1]), forMs: num(m[2]), cpus: m[3].split('.').map(num) };
  m = MODE_RE.exec(v);
  if (m) return { kind: 'mode', atMs: num(m[1]), mode: m[2] as Scenario['mode'] };
  m = MIG_RE.exec(v);
  if (m) return { kind: 'migrate', atMs: num(m[1]), from: num(m[2]), to: num(m[3]) };
  throw new Error('expected pause@AT+FOR:cpu.cpu…, mode@AT:MODE or mig@AT:FROM>TO');
}

export interface Decoded {
  scenario: Scenario;
  preset: string;
  /** Simulated moment (ns), if given. */
  t?: number;
  /** Keys this codec does not own (view state such as focus or panels) for the UI to interpret. */
  extra: Record<string, string>;
  errors: string[];
}

/** Decodes a hash (with or without '#'). Never throws. */
export function decodeHash(hash: string, extraKeys: readonly string[] = []): Decoded {
  const errors: string[] = [];
  let preset = DEFAULT_PRESET;
  const extra: Record<string, string> = {};
  let t: number | undefined;
  let raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.length > MAX_HASH) {
    errors.push(`the URL hash is ${raw.length} characters long; at most ${MAX_HASH} are read`);
    raw = raw.slice(0, MAX_HASH);
  }
  const params = new URLSearchParams(raw);
  const p = params.get('p');
  if (p !== null) {
    if (findPreset(p)) preset = p;
    else errors.push(`p: unknown preset "${clip(p)}"; using "${DEFAULT_PRESET}"`);
  }
  let s = presetScenario(preset);
  for (const [k, v] of params) {
    if (k === 'p') continue;
    if (k === 'v') {
      if (v !== String(URL_VERSION)) errors.push(`v: version "${clip(v)}" is not supported; reading it as version ${URL_VERSION}`);
      continue;
    }
    if (k === 't') {
      const n = num(v);
      if (Number.isInteger(n) && n >= 0) t = n;
      else errors.push(`t: "${clip(v)}" is not a time; expected a non-negative integer of simulated ns`);
      continue;
    }
    if (extraKeys.includes(k)) {
      extra[k] = v;
      continue;
    }
    const f = Object.hasOwn(FIELDS, k) ? FIELDS[k] : undefined;
    if (!f) {
      errors.push(`${clip(k)}: unknown key, ignored`);
      continue;
    }
    const trial = structuredClone(s);
    try {
      f.set(trial, v);
    } catch (err) {
      errors.push(`${k}: "${clip(v)}" rejected: ${(err as Error).message}`);
      continue;
    }
    // Each key is range-checked on its own; rules across fields run once all keys are in, so the
    // order of keys does not matter (q=single&era=C is as good as era=C&q=single).
    const { scenario, errors: errs } = validateScenario({ ...trial, version: SCHEMA_VERSION }, { cross: false });
    if (errs.length) errors.push(`${k}: "${clip(v)}" rejected: ${errs.join('; ')}`);
    else s = scenario;
  }
  const final = validateScenario({ ...s, version: SCHEMA_VERSION });
  errors.push(...final.errors);
  return { scenario: final.scenario, preset, t, extra, errors };
}

/** Encodes a scenario relative to a preset: only values that differ appear. */
export function encodeHash(s: Scenario, preset = DEFAULT_PRESET, t?: number, extra: Record<string, string> = {}): string {
  const base = presetScenario(findPreset(preset) ? preset : DEFAULT_PRESET);
  const parts = [`v=${URL_VERSION}`];
  if (preset !== DEFAULT_PRESET) parts.push(`p=${encodeURIComponent(preset)}`);
  for (const [k, f] of Object.entries(FIELDS)) {
    const v = f.get(s);
    if (v !== f.get(base)) parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}=${encodeURIComponent(v)}`);
  if (t !== undefined) parts.push(`t=${t}`);
  return parts.join('&');
}

function clip(v: string): string {
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}
