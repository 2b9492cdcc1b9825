// The scenario's URL keys (README, "Sharing and URLs") and their text forms. Each key has a getter
// (scenario → canonical text) and a setter (text → scenario field) that throws a short message on
// text it cannot parse; range checks happen afterwards in validateScenario, so this file only knows
// syntax.
//
// SCALAR_FIELDS ride as readable top-level keys. LIST_FIELDS (the custom workload: size mix,
// latency, interventions) ride inside the compressed blob `w` since URL v2 (src/url/blob.ts);
// URL v1 had them at the top level, and src/url/migrations.ts moves them into the blob.

import { DEFAULT_COSTS, type Costs } from '../sim/costs.ts';
import type { Intervention, Scenario, SizeWeight } from '../sim/scenario.ts';

export interface Field {
  get: (s: Scenario) => string;
  set: (s: Scenario, v: string) => void;
}

/** A number in any plain decimal form ("5", ".5", "1e-3", "+2"); anything else is NaN. */
export const num = (v: string): number => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : NaN);

const bool = (v: string): boolean => {
  if (v === '1') return true;
  if (v === '0') return false;
  throw new Error('expected 0 or 1');
};

const LAT = { fixed: 'fix', uniform: 'uni', exponential: 'exp' } as const;

export const SCALAR_FIELDS: Record<string, Field> = {
  seed: { get: (s) => String(s.seed), set: (s, v) => (s.seed = num(v)) },
  mode: { get: (s) => s.mode, set: (s, v) => (s.mode = v as Scenario['mode']) },
  kv: { get: (s) => s.kernel, set: (s, v) => (s.kernel = v) },
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
  pci: { get: (s) => (s.pci ? '1' : '0'), set: (s, v) => (s.pci = bool(v)) },
  fdac: { get: (s) => (s.forcedac ? '1' : '0'), set: (s, v) => (s.forcedac = bool(v)) },
  al: { get: (s) => s.allocator, set: (s, v) => (s.allocator = v as Scenario['allocator']) },
  lc: { get: (s) => String(s.workload.loadCpus), set: (s, v) => (s.workload.loadCpus = num(v)) },
  qd: { get: (s) => String(s.workload.qd), set: (s, v) => (s.workload.qd = num(v)) },
  cp: { get: (s) => s.workload.completion, set: (s, v) => (s.workload.completion = v as Scenario['workload']['completion']) },
  cc: { get: (s) => String(s.workload.completionCpu), set: (s, v) => (s.workload.completionCpu = num(v)) },
  wm: { get: (s) => String(s.workload.migrateMs), set: (s, v) => (s.workload.migrateMs = num(v)) },
  // Scale inputs (docs/model.md "Scale inputs"); new keys, so no migration step.
  gr: { get: (s) => String(s.granuleKiB), set: (s, v) => (s.granuleKiB = num(v)) },
  hwq: { get: (s) => String(s.workload.hwQueues), set: (s, v) => (s.workload.hwQueues = num(v)) },
  bw: { get: (s) => String(s.deviceBps), set: (s, v) => (s.deviceBps = num(v)) },
  dev: { get: (s) => String(s.devices), set: (s, v) => (s.devices = num(v)) },
  numa: { get: (s) => String(s.numaNodes), set: (s, v) => (s.numaNodes = num(v)) },
  atom: { get: (s) => s.atomics, set: (s, v) => (s.atomics = v as Scenario['atomics']) },
};
for (const k of Object.keys(DEFAULT_COSTS) as (keyof Costs)[]) {
  SCALAR_FIELDS[`c.${k}`] = { get: (s) => String(s.costs[k]), set: (s, v) => (s.costs[k] = num(v)) };
}

export const LIST_FIELDS: Record<string, Field> = {
  sz: {
    get: (s) => encodeSizes(s.workload.sizes),
    set: (s, v) => (s.workload.sizes = decodeSizes(v)),
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
  iv: {
    get: (s) => s.interventions.map(encodeIntervention).join(';'),
    set: (s, v) => {
      const parts = v ? v.split(';') : [];
      if (parts.length > 64) throw new Error(`${parts.length} interventions; expected at most 64`);
      s.interventions = parts.map(decodeIntervention);
    },
  },
};

// The aged start state rides in the blob too (a list, like the interventions): `age=cls:cpu:depot,…`.
LIST_FIELDS.age = {
  get: (s) => s.aged.map((a) => `${a.cls}:${a.cpuIovas}:${a.depotIovas}`).join(','),
  set: (s, v) => {
    const parts = v ? v.split(',') : [];
    if (parts.length > 16) throw new Error(`${parts.length} classes; expected at most 6`);
    s.aged = parts.map((p) => {
      const [c, a, d, ...rest] = p.split(':');
      if (rest.length || d === undefined) throw new Error('expected cls:cpuIovas:depotIovas[,…]');
      return { cls: num(c), cpuIovas: num(a), depotIovas: num(d) };
    });
  },
};

function encodeSizes(sizes: readonly SizeWeight[]): string {
  return sizes.map((x) => `${x.pages}:${x.weight}`).join(',');
}

function decodeSizes(v: string): SizeWeight[] {
  const parts = v.split(',');
  // validateScenario allows at most 16 entries; refusing early keeps a hostile list cheap.
  if (parts.length > 64) throw new Error(`${parts.length} entries; expected at most 16`);
  return parts.map((p) => {
    const [a, b, ...rest] = p.split(':');
    if (rest.length || b === undefined) throw new Error('expected pages:weight[,pages:weight…]');
    return { pages: num(a), weight: num(b) };
  });
}

/** Looks a key up without reaching Object.prototype members ("constructor", "__proto__"). */
export function fieldOf(table: Record<string, Field>, key: string): Field | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * CPU lists as dot-separated numbers with runs of three or more written as ranges, in the list's
 * own order: [1,2,…,15] is "1-15", [0,2,3,4,9] is "0.2-4.9". v1 wrote only single numbers, which
 * this still reads.
 */
export function encodeCpuList(cpus: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    if (j - i >= 2) out.push(`${cpus[i]}-${cpus[j]}`);
    else for (let k = i; k <= j; k++) out.push(String(cpus[k]));
    i = j + 1;
  }
  return out.join('.');
}

/** At most this many CPUs from one list; a range "0-4000000000" must not allocate billions. */
const MAX_CPU_LIST = 512;

export function decodeCpuList(v: string): number[] {
  const out: number[] = [];
  for (const part of v.split('.')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`"${part}" is not a CPU number or range a-b`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new Error(`range ${part} runs backwards`);
    if (out.length + (b - a + 1) > MAX_CPU_LIST) throw new Error(`more than ${MAX_CPU_LIST} CPUs in one list`);
    for (let c = a; c <= b; c++) out.push(c);
  }
  return out;
}

function encodeIntervention(x: Intervention): string {
  if (x.kind === 'pause') return `pause@${x.atMs}+${x.forMs}:${encodeCpuList(x.cpus)}`;
  if (x.kind === 'mode') return `mode@${x.atMs}:${x.mode}`;
  if (x.kind === 'sizes') return `sizes@${x.atMs}:${encodeSizes(x.sizes)}`;
  if (x.kind === 'burst') return `burst@${x.atMs}+${x.holdMs}:${x.count}x${x.pages}:${x.cpu}`;
  return `mig@${x.atMs}:${x.from}>${x.to}`;
}

/** A decimal number as String(number) writes it, including exponent form ("1e-7"). */
const NUM = String.raw`(\d*\.?\d+(?:e[+-]?\d+)?)`;
// "+" may arrive as " " when a URL parser reads it as form encoding.
const PAUSE_RE = new RegExp(String.raw`^pause@${NUM}[+ ]${NUM}:([\d.-]+)$`, 'i');
const MODE_RE = new RegExp(String.raw`^mode@${NUM}:(\w+)$`, 'i');
const MIG_RE = new RegExp(String.raw`^mig@${NUM}:(\d+)>(\d+)$`, 'i');
const SIZES_RE = new RegExp(String.raw`^sizes@${NUM}:(.+)$`, 'i');
const BURST_RE = new RegExp(String.raw`^burst@${NUM}[+ ]${NUM}:${NUM}x${NUM}:${NUM}$`, 'i');

function decodeIntervention(v: string): Intervention {
  let m = PAUSE_RE.exec(v);
  if (m) return { kind: 'pause', atMs: num(m[1]), forMs: num(m[2]), cpus: decodeCpuList(m[3]) };
  m = MODE_RE.exec(v);
  if (m) return { kind: 'mode', atMs: num(m[1]), mode: m[2] as Scenario['mode'] };
  m = MIG_RE.exec(v);
  if (m) return { kind: 'migrate', atMs: num(m[1]), from: num(m[2]), to: num(m[3]) };
  m = SIZES_RE.exec(v);
  if (m) return { kind: 'sizes', atMs: num(m[1]), sizes: decodeSizes(m[2]) };
  m = BURST_RE.exec(v);
  if (m) return { kind: 'burst', atMs: num(m[1]), holdMs: num(m[2]), count: num(m[3]), pages: num(m[4]), cpu: num(m[5]) };
  throw new Error('expected pause@AT+FOR:cpus, mode@AT:MODE, mig@AT:FROM>TO, sizes@AT:pages:weight[,…] or burst@AT+HOLD:COUNTxPAGES:CPU');
}
