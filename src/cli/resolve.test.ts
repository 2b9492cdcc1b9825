// resolveScenario: --preset / --scenario / --seed / --duration-ms to the scenario that runs, and
// the messages (each naming the flag) when they cannot be used.

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { validateScenario } from '../sim/validate.ts';
import { parseArgs } from './args.ts';
import { resolveScenario } from './resolve.ts';

const base = { list: false, help: false };

describe('resolveScenario', () => {
  it('a preset, with the seed and duration overridden', () => {
    const r = resolveScenario({ ...base, preset: 'tiny-lazy', seed: 9, durationMs: 3 });
    expect(r.errors).toEqual([]);
    expect(r.name).toBe('tiny-lazy');
    expect(r.scenario).toEqual({ ...presetScenario('tiny-lazy'), seed: 9, durationMs: 3 });
  });

  it('no preset and no scenario: the default preset', () => {
    const r = resolveScenario(base);
    expect([r.name, r.errors]).toEqual(['default', []]);
    expect(r.scenario).toEqual(presetScenario('default'));
  });

  it('a hash: named by the hash without "#", decoded as the page does', () => {
    const r = resolveScenario({ ...base, scenario: '#v=2&p=cliff&mode=strict' });
    expect(r.errors).toEqual([]);
    expect(r.name).toBe('v=2&p=cliff&mode=strict');
    expect(r.scenario).toEqual({ ...presetScenario('cliff'), mode: 'strict' });
  });

  it('an unknown preset: one message naming --preset and the name', () => {
    expect(resolveScenario({ ...base, preset: 'no-such' }).errors).toEqual(['--preset: unknown preset "no-such"; see --list']);
  });

  it('a hash with bad parts: one message per part, each naming --scenario and the key', () => {
    const r = resolveScenario({ ...base, scenario: 'v=2&mode=turbo&cpus=0&zz=1' });
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toMatch(/^--scenario: mode: "turbo"/);
    expect(r.errors[1]).toMatch(/^--scenario: cpus: "0"/);
    expect(r.errors[2]).toMatch(/^--scenario: zz: unknown key/);
  });

  it('the extremes parseArgs accepts for --seed and --duration-ms are valid scenarios', () => {
    for (const argv of [['--seed', '0', '--duration-ms', '0.001'], ['--seed', '4294967295', '--duration-ms', '600000']]) {
      const { args, errors } = parseArgs(argv);
      expect(errors).toEqual([]);
      for (const preset of ['default', 'cliff']) expect(validateScenario(resolveScenario({ ...args, preset }).scenario).errors).toEqual([]);
    }
  });
});
