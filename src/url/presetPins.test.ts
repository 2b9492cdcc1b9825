// Shared links keep their meaning: every URL key's default and every preset's values are what they
// were when URL version 2 was fixed (presetPins.ts says what to do when this fails on purpose).

import { describe, expect, it } from 'vitest';
import { PRESET_ALIASES, PRESETS, presetScenario } from '../sim/presets.ts';
import { decodeHash, encodeHash } from './codec.ts';
import { LIST_FIELDS, SCALAR_FIELDS } from './fields.ts';
import { PINNED_DEFAULTS, PINNED_PRESETS } from './presetPins.ts';

const FIELDS = { ...SCALAR_FIELDS, ...LIST_FIELDS };
const presetNames = (): string[] => PRESETS.map((p) => p.name);

describe('URL meaning pins', () => {
  it('every URL key exists and has a pinned default', () => {
    const keys = Object.keys(FIELDS);
    expect(keys.filter((k) => !(k in PINNED_DEFAULTS)), 'new URL keys: add their default to PINNED_DEFAULTS').toEqual([]);
    expect(Object.keys(PINNED_DEFAULTS).filter((k) => !keys.includes(k)), 'URL keys removed: old links use them; keep reading them (a migration)').toEqual([]);
  });

  it('every preset is pinned, and every pinned preset still exists', () => {
    const names = PRESETS.map((p) => p.name);
    expect(names.filter((n) => !(n in PINNED_PRESETS)), 'new presets: add their values to PINNED_PRESETS').toEqual([]);
    expect(
      Object.keys(PINNED_PRESETS).filter((n) => !names.includes(n) && !Object.hasOwn(PRESET_ALIASES, n)),
      'presets removed: old links p=NAME need a migration or an alias',
    ).toEqual([]);
  });

  it('a renamed preset: its old name is an alias, pinned to exactly the new preset\'s values', () => {
    expect(PRESET_ALIASES).toEqual({ cliff: 'timeout-flood' });
    for (const [old, now] of Object.entries(PRESET_ALIASES)) {
      expect(presetNames(), `alias ${old} must not also be a preset`).not.toContain(old);
      expect(PINNED_PRESETS[old], `${old} and ${now} pinned alike`).toEqual(PINNED_PRESETS[now]);
      expect(presetScenario(old)).toEqual(presetScenario(now));
    }
  });

  it('old links and command lines keep working: p=cliff opens timeout-flood, same values, and re-encodes under the new name', () => {
    for (const hash of ['v=3&p=cliff', 'v=2&p=cliff', 'p=cliff']) {
      const d = decodeHash(hash);
      expect({ hash, errors: d.errors, preset: d.preset }).toEqual({ hash, errors: [], preset: 'timeout-flood' });
      expect(d.scenario).toEqual(presetScenario('timeout-flood'));
    }
    const d = decodeHash('v=3&p=cliff&mode=strict');
    expect(d.scenario).toEqual({ ...presetScenario('timeout-flood'), mode: 'strict' });
    expect(encodeHash(d.scenario, d.preset)).toBe('v=4&p=timeout-flood&mode=strict');
  });

  it('every pinned preset and default means what it meant', () => {
    const changed: string[] = [];
    for (const [name, pin] of Object.entries(PINNED_PRESETS)) {
      if (!PRESETS.some((p) => p.name === name) && !Object.hasOwn(PRESET_ALIASES, name)) continue;
      const s = presetScenario(name);
      for (const [k, def] of Object.entries(PINNED_DEFAULTS)) {
        const f = Object.hasOwn(FIELDS, k) ? FIELDS[k] : undefined;
        if (!f) continue;
        const want = Object.hasOwn(pin, k) ? pin[k] : def;
        const got = f.get(s);
        if (got !== want) changed.push(`p=${name}: ${k} was ${want}, is ${got}`);
      }
    }
    expect(changed, 'a shared link would now show something else; see presetPins.ts').toEqual([]);
  });
});
