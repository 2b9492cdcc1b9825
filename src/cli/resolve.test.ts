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

  it('an old preset name (--preset cliff, issue 20): runs timeout-flood, named so, with the same values', () => {
    const r = resolveScenario({ ...base, preset: 'cliff' });
    expect([r.name, r.errors]).toEqual(['timeout-flood', []]);
    expect(r.scenario).toEqual(presetScenario('timeout-flood'));
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
    // the CLI refuses the run (exit 2): no message may claim the key was "ignored" (issue 18 bug 9)
    for (const e of r.errors) expect(e).not.toMatch(/ignored/);
  });

  it('a word that is not a hash at all: one message saying what --scenario takes', () => {
    const r = resolveScenario({ ...base, scenario: 'garbage' });
    expect(r.errors).toEqual([
      '--scenario: "garbage" is not a scenario URL hash: give KEY=VALUE pairs joined by & (e.g. \'v=4&p=timeout-flood&mode=strict\') or a Share link; see --help',
    ]);
  });

  it('a whole Share link: the part after # is the hash', () => {
    const r = resolveScenario({ ...base, scenario: 'http://127.0.0.1:5173/#v=2&p=cliff&mode=strict' });
    expect(r.errors).toEqual([]);
    expect(r.scenario).toEqual({ ...presetScenario('cliff'), mode: 'strict' });
    expect(r.name).toBe('v=2&p=cliff&mode=strict');
  });

  it('the extremes parseArgs accepts for --seed and --duration-ms are valid scenarios', () => {
    for (const argv of [['--seed', '0', '--duration-ms', '0.001'], ['--seed', '4294967295', '--duration-ms', '600000']]) {
      const { args, errors } = parseArgs(argv);
      expect(errors).toEqual([]);
      for (const preset of ['default', 'cliff']) expect(validateScenario(resolveScenario({ ...args, preset }).scenario).errors).toEqual([]);
    }
  });
});
