// URL schema versions (`v`; README "Sharing and URLs", docs/model.md "Kernel versions" for v3) and
// the chain that brings an older hash up to the current one. A link pasted into a mailing list must
// keep opening the same scenario for years, so a key never silently changes meaning: when one does,
// URL_VERSION goes up and migrate_N_to_N+1 rewrites version-N parameters into version N+1's.
// Decoding runs every step from the link's
// version to URL_VERSION, so each step only knows its two neighbours.
//
// Presets are part of a link's meaning too (`p=cliff` means "cliff's values"): changing an
// existing preset's values needs a step that expands `p=NAME` into the old values. presetPins.ts
// and its test catch such a change.
//
// History:
//   v1  every key readable at the top level; the workload lists as sz=, lat=, iv=.
//   v2  the workload lists ride in one compressed blob w= (src/url/blob.ts); view keys fc=, pn=,
//       view= added (new keys need no step: they mean nothing in v1 and pass through).
//   v3  era=A|B|C became a kernel version kv= (A → 5.15, B → 6.5, C → 6.7: the versions whose rules
//       are exactly what each era did); pci= now defaults to 1 (a PCI device) and fdac= is new. The
//       presets other than `default` pin kv=6.5 (single-queue kv=6.7) and pci=0, their v2 meaning.
//   v4  the workload lists (sz=, lat=, iv=, age=) may ride readable at the top level again, as a
//       mailing list reads them; Share writes them so whenever the hash fits READABLE_MAX and the
//       blob w= only when it does not. A v2/v3 link with a top-level list key had it rejected; the
//       v3 → v4 step keeps it rejected, with the message those versions gave.

import { ERA_KERNEL } from '../sim/kernel/versions.ts';
import { packBlob } from './blob.ts';

export const URL_VERSION = 4;

/** One key=value of a hash, in order of appearance. */
export interface Param {
  key: string;
  value: string;
  /**
   * For a blob: how messages name the keys inside it. Default "w." (w.sz, w.iv); a blob made by
   * migrate_1_to_2 uses "" so a v1 link's messages name the keys its author wrote (sz, iv).
   */
  innerPrefix?: string;
  /** Set by a migration step: the key meant nothing in its link's version; the decoder reports this. */
  reject?: string;
}

/** The keys v1 had at the top level and v2 keeps in the blob `w`. */
export const V1_LIST_KEYS: readonly string[] = ['sz', 'lat', 'iv'];

/** v1 → v2: the size mix, latency and interventions move, in their order, into one blob `w`. */
export function migrate_1_to_2(params: readonly Param[]): Param[] {
  const lists = params.filter((p) => V1_LIST_KEYS.includes(p.key));
  if (lists.length === 0) return [...params];
  const rest = params.filter((p) => !V1_LIST_KEYS.includes(p.key));
  return [...rest, { key: 'w', value: packBlob(lists), innerPrefix: '' }];
}

/** The era each preset ran in URL version 2 (all others: B). */
const V2_PRESET_ERA: Readonly<Record<string, 'A' | 'B' | 'C'>> = { 'single-queue': 'C' };

/** The presets URL version 2 knew; a link to any other (added in v3 or later) is not a v2 link. */
const V2_PRESETS: readonly string[] = ['default', 'tiny-lazy', 'steady-lazy', 'steady-strict', 'passthrough', 'pause-unmaps', 'cliff', 'john-storage', 'single-queue'];

/**
 * v2 → v3: `era` becomes the kernel version `kv` that reproduces it. A v2 link without `era` meant
 * its preset's era (B unless p=single-queue), and one without `pci` meant no 32-bit-first attempt
 * (v2's default); both are written out, since v3's defaults differ (kernel 6.12, a PCI device). An
 * era that is not A, B or C stays as `era` and is reported by the decoder. A hand-written older
 * hash (e.g. the CLI's --scenario, read as v1) that already names a v3 key (`kv` or `fdac`), or a
 * preset added after v2 (e.g. `p=sac-edge`), is written in v3's terms: nothing is added.
 */
export function migrate_2_to_3(params: readonly Param[]): Param[] {
  const out: Param[] = [];
  let sawEra = false;
  let sawPci = false;
  for (const p of params) {
    if (p.key === 'era') {
      sawEra = true;
      const kv = Object.hasOwn(ERA_KERNEL, p.value) ? ERA_KERNEL[p.value as 'A' | 'B' | 'C'] : undefined;
      out.push(kv ? { key: 'kv', value: kv } : p);
    } else {
      if (p.key === 'pci') sawPci = true;
      out.push(p);
    }
  }
  if (params.some((p) => p.key === 'kv' || p.key === 'fdac')) return out;
  const named = params.find((p) => p.key === 'p')?.value;
  if (named !== undefined && !V2_PRESETS.includes(named)) return out;
  if (!sawEra) {
    const preset = params.find((p) => p.key === 'p')?.value ?? '';
    out.push({ key: 'kv', value: ERA_KERNEL[Object.hasOwn(V2_PRESET_ERA, preset) ? V2_PRESET_ERA[preset] : 'B'] });
  }
  if (!sawPci) out.push({ key: 'pci', value: '0' });
  return out;
}

/** The list keys v4 reads at the top level (v2 and v3 only inside the blob `w`). */
export const READABLE_LIST_KEYS: readonly string[] = ['sz', 'lat', 'iv', 'age'];

/**
 * v3 → v4: nothing moves; a top-level list key, which v2 and v3 rejected (they only read lists
 * inside the blob), stays rejected with their message, so an old link does not start meaning more
 * than it did. Keys already rejected by an earlier step keep their message.
 */
export function migrate_3_to_4(params: readonly Param[]): Param[] {
  return params.map((p) =>
    READABLE_LIST_KEYS.includes(p.key) && p.reject === undefined
      ? {
          ...p,
          reject: `${p.key}: not read at the top level before URL version 4 (older links carry the size mix, latency, interventions and aged state in the blob w); start the link with v=4 to use it`,
        }
      : p,
  );
}

/** MIGRATIONS[n] turns version-n parameters into version n+1's. */
export const MIGRATIONS: Readonly<Record<number, (params: readonly Param[]) => Param[]>> = {
  1: migrate_1_to_2,
  2: migrate_2_to_3,
  3: migrate_3_to_4,
};

export interface VersionRead {
  /** The version the parameters are read as. */
  version: number;
  /** The parameters without `v`. */
  params: Param[];
  errors: string[];
}

const clip = (v: string): string => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/**
 * Finds the version. No `v`: version 1 (hand-written hashes, e.g. the CLI's --scenario); an empty
 * hash is the current version (the page opened without a link). A newer
 * version than this page knows: a message, read as the current version (best effort: keys it does
 * not know are reported one by one). A malformed `v`: a message, read as v1, the most lenient
 * reading (v2 keys pass through the v1 → v2 step unchanged).
 */
export function readVersion(all: readonly Param[]): VersionRead {
  const params = all.filter((p) => p.key !== 'v');
  const vs = all.filter((p) => p.key === 'v');
  const errors: string[] = [];
  // An empty hash is no link at all: the page's current defaults, not version 1's.
  if (all.length === 0) return { version: URL_VERSION, params, errors };
  if (vs.length === 0) return { version: 1, params, errors };
  if (vs.length > 1) errors.push(`v: given ${vs.length} times; the first ("${clip(vs[0].value)}") is used`);
  const raw = vs[0].value;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (n >= 1 && n <= URL_VERSION) return { version: n, params, errors };
  if (n > URL_VERSION) {
    errors.push(
      `v: this link was made by a newer version of the lab (URL version ${n}; this page reads up to ${URL_VERSION}); it is read as version ${URL_VERSION}, and parts this page does not know are listed here`,
    );
    return { version: URL_VERSION, params, errors };
  }
  errors.push(`v: "${clip(raw)}" is not a URL version (expected 1 to ${URL_VERSION}); it is read as version 1`);
  return { version: 1, params, errors };
}

/** Runs the chain from `from` up to URL_VERSION. */
export function migrate(params: readonly Param[], from: number): Param[] {
  let out = [...params];
  for (let v = from; v < URL_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no URL migration from version ${v}`); // a programming error; tested
    out = step(out);
  }
  return out;
}
