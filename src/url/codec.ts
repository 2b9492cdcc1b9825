// Scenario + view <-> URL hash (README, "Sharing and URLs"):
// `v=2&p=cliff&mode=lazy&cpus=16&…&fc=3&t=123456`. Short keys, only values that differ from the
// preset named by `p`; the custom workload's lists in one compressed blob `w` (blob.ts); the view
// in t, fc, pn, view, embed (view.ts); older versions brought up to date by migrations.ts. Decoding never
// throws and never executes anything: each key is applied on its own and validated; a rejected key
// yields a specific message naming it, and the rest are kept. The CLI's --scenario takes the same
// string.

import { KERNEL_IDS } from '../sim/kernel/versions.ts';
import { canonicalPresetName, DEFAULT_PRESET, findPreset, presetScenario } from '../sim/presets.ts';
import { SCHEMA_VERSION, type Scenario } from '../sim/scenario.ts';
import { validateScenario } from '../sim/validate.ts';
import { packBlob, unpackBlob } from './blob.ts';
import { fieldOf, LIST_FIELDS, SCALAR_FIELDS, type Field } from './fields.ts';
import { migrate, readVersion, URL_VERSION, type Param } from './migrations.ts';
import { decodeView, encodeView, VIEW_KEYS, type Page, type TourAt, type ViewState } from './view.ts';
import type { CmpPart } from './compare.ts';

export { URL_VERSION } from './migrations.ts';
export type { Page, TourAt, ViewState } from './view.ts';

/** Longer hashes are cut here (with a message): a pasted megabyte must not stall the page. */
export const MAX_HASH = 4000;
/** At most this many messages; a hash of 500 junk keys gets a count, not 500 lines. */
export const MAX_MESSAGES = 20;
/**
 * Share writes the workload lists readable (sz=, lat=, iv=, age=) when the whole hash stays within
 * this many characters, and in the compressed blob w= otherwise: 2000 is the classic safe URL length
 * (old browsers and mail gateways cut at ~2083), well under MAX_HASH.
 */
export const READABLE_MAX = 2000;

export interface Decoded {
  scenario: Scenario;
  preset: string;
  /** The URL version the hash was read as. */
  version: number;
  /** Simulated moment (ns), if given and within the run. */
  t?: number;
  focusCpu?: number;
  /** Visible panels in page order, if given (undefined = all). */
  panels?: string[];
  page: Page;
  /** Teaching (issue 15): the guided tour to open, if given and valid. */
  tour?: TourAt;
  /** A/B compare: B's differences from `scenario` (URL key `cmp`, compare.ts), if given and valid. */
  cmp?: CmpPart[];
  /** Embed (issue 16, `embed=1`): the panels and the playback bar only. */
  embed: boolean;
  errors: string[];
}

export interface DecodeOptions {
  /** The page's panels; `pn` ids are checked against them (without: form only). */
  panelIds?: readonly string[];
}

const clip = (v: string): string => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
/** A key as messages name it: visible even when empty or made of blanks and control characters. */
const showKey = (k: string): string => (k === '' ? '(empty key)' : /^[^\s\p{Cc}:"]+$/u.test(k) ? clip(k) : JSON.stringify(clip(k)));

/** Decodes a hash (with or without '#'). Never throws. */
export function decodeHash(hash: string, opts: DecodeOptions = {}): Decoded {
  const errors: string[] = [];
  let raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.length > MAX_HASH) {
    errors.push(`the URL hash is ${raw.length} characters long; only the first ${MAX_HASH} are read`);
    raw = raw.slice(0, MAX_HASH);
  }
  const read = readVersion([...new URLSearchParams(raw)].map(([key, value]) => ({ key, value })));
  errors.push(...read.errors);
  const params = migrate(read.params, read.version);

  let preset = DEFAULT_PRESET;
  const ps = params.filter((x) => x.key === 'p');
  const p = ps[0];
  // As for v: one preset is the base of every other key, so a second p is refused and named.
  if (ps.length > 1) errors.push(`p: given ${ps.length} times; the first ("${clip(p.value)}") is used`);
  if (p) {
    // An old name (p=cliff) opens its preset under the new name, with the same values (presetPins.ts).
    if (findPreset(p.value)) preset = canonicalPresetName(p.value);
    else errors.push(`p: unknown preset "${clip(p.value)}"; using "${DEFAULT_PRESET}"`);
  }
  let s = presetScenario(preset);
  const viewRaw = new Map<string, string>();

  const apply = (label: string, f: Field, v: string): void => {
    const trial = structuredClone(s);
    try {
      f.set(trial, v);
    } catch (err) {
      errors.push(`${label}: "${clip(v)}" rejected: ${(err as Error).message}`);
      return;
    }
    // Each key is range-checked on its own; rules across fields run once all keys are in, so the
    // order of keys does not matter (q=single&kv=6.7 is as good as kv=6.7&q=single).
    const { scenario, errors: errs } = validateScenario({ ...trial, version: SCHEMA_VERSION }, { cross: false });
    if (errs.length) errors.push(`${label}: "${clip(v)}" rejected: ${errs.join('; ')}`);
    else s = scenario;
  };

  // Keys apply in order, a later one winning (a sweep appends its keys to a base hash).
  for (const { key, value, innerPrefix, reject } of params) {
    if (key === 'p') continue;
    if (reject !== undefined) errors.push(reject);
    else if (VIEW_KEYS.includes(key)) viewRaw.set(key, value);
    else if (key === 'w') applyBlob(value, innerPrefix ?? 'w.', apply, errors);
    else {
      const f = fieldOf(SCALAR_FIELDS, key);
      const list = f ? undefined : fieldOf(LIST_FIELDS, key);
      if (f) apply(key, f, value);
      // A readable list (v4): '+' (pause@50+30) may arrive as ' ' from form decoding.
      else if (list) apply(key, list, value.replace(/ /g, '+'));
      else if (key === 'era')
        errors.push(`era: "${clip(value)}" is not an era of URL version 2 (A, B or C); since version 3 the kernel is a version, kv= (${KERNEL_IDS.join(' | ')})`);
      else errors.push(`${showKey(key)}: unknown key, ignored`);
    }
  }
  const final = validateScenario({ ...s, version: SCHEMA_VERSION });
  errors.push(...final.errors);
  const { view, errors: viewErrors } = decodeView(viewRaw, final.scenario, opts.panelIds);
  errors.push(...viewErrors);
  return {
    scenario: final.scenario,
    preset,
    version: read.version,
    t: view.t,
    focusCpu: view.focusCpu,
    panels: view.panels ? [...view.panels] : undefined,
    page: view.page ?? 'lab',
    tour: view.tour,
    ...(view.cmp ? { cmp: [...view.cmp] } : {}),
    embed: view.embed ?? false,
    errors: capMessages(errors),
  };
}

function applyBlob(value: string, prefix: string, apply: (label: string, f: Field, v: string) => void, errors: string[]): void {
  const u = unpackBlob(value.replace(/ /g, '+'));
  if (!u.ok) {
    errors.push(`w: ${u.error}; the size mix, latency and interventions stay as without it`);
    return;
  }
  for (const { key, value: v } of u.params) {
    const f = fieldOf(LIST_FIELDS, key);
    if (f) apply(`${prefix}${key}`, f, v);
    else errors.push(`${prefix}${showKey(key)}: unknown key inside the workload blob, ignored`);
  }
}

function capMessages(errors: string[]): string[] {
  if (errors.length <= MAX_MESSAGES) return errors;
  return [...errors.slice(0, MAX_MESSAGES - 1), `…and ${errors.length - MAX_MESSAGES + 1} more rejected parts, not listed`];
}

export interface EncodeOptions {
  /** The page's panels in order: `pn` is left out when all of them are visible. */
  panelIds?: readonly string[];
}

/**
 * A readable list value: percent-encodes what would break the hash ('&', '=', '#', '%', spaces,
 * non-ASCII) and keeps the punctuation the list syntax uses (`: , ; @ + . - >`), which a URL
 * fragment allows, so `sz=1:60,8:3` reads as written.
 */
const readable = (v: string): string => encodeURIComponent(v).replace(/%(3A|2C|3B|40|2B|3E)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/**
 * Encodes a scenario relative to a preset (only values that differ appear), then the view. The
 * workload lists ride readable when the hash fits READABLE_MAX, else in the blob w.
 */
export function encodeHash(s: Scenario, preset = DEFAULT_PRESET, view: ViewState = {}, opts: EncodeOptions = {}): string {
  const known = findPreset(preset) ? preset : DEFAULT_PRESET;
  const base = presetScenario(known);
  const parts = [`v=${URL_VERSION}`];
  if (known !== DEFAULT_PRESET) parts.push(`p=${encodeURIComponent(known)}`);
  for (const [k, f] of Object.entries(SCALAR_FIELDS)) {
    const v = f.get(s);
    if (v !== f.get(base)) parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  const lists = Object.entries(LIST_FIELDS)
    .filter(([, f]) => f.get(s) !== f.get(base))
    .map(([key, f]) => ({ key, value: f.get(s) }));
  const viewParts = encodeView(view, s, opts.panelIds);
  const open = [...parts, ...lists.map((l) => `${l.key}=${readable(l.value)}`), ...viewParts].join('&');
  if (!lists.length || open.length <= READABLE_MAX) return open;
  return [...parts, `w=${packBlob(lists)}`, ...viewParts].join('&');
}

/** A parameter list (e.g. a migrated one) as hash text. */
export function paramsToHash(params: readonly Param[]): string {
  return params.map((p) => `${encodeURIComponent(p.key)}=${encodeURIComponent(p.value)}`).join('&');
}
