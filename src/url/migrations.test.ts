// URL versions: v1 links (written before v2 existed, with the workload lists at the top level)
// still open the same scenario; an unversioned hash is v1; a newer version is read best-effort
// with a message; the chain covers every version.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../sim/scenario.ts';
import { presetScenario } from '../sim/presets.ts';
import { decodeHash, encodeHash, paramsToHash } from './codec.ts';
import { migrate, migrate_1_to_2, MIGRATIONS, readVersion, URL_VERSION, type Param } from './migrations.ts';

const params = (h: string): Param[] => [...new URLSearchParams(h)].map(([key, value]) => ({ key, value }));

/** Real v1 links as the v1 encoder (commit 3a774f8) wrote them. */
const V1_LINKS = [
  'v=1&p=pause-unmaps&cpus=8&sz=1:3,16:0.25&lat=uni:120:60&iv=pause@50+30:1.2.3.4.5.6.7;mode@100:strict&t=5000000',
  'v=1&mode=strict&cpus=4&seed=77&iv=mig@10:0>3',
  'v=1&p=tiny-lazy&lat=fix:50:0',
  'v=1&sz=1:1,8:3&era=C&q=single',
];

describe('URL migrations', () => {
  it('there is one step for every version below the current one', () => {
    expect(URL_VERSION).toBe(4);
    for (let v = 1; v < URL_VERSION; v++) expect(typeof MIGRATIONS[v], `migrate_${v}_to_${v + 1}`).toBe('function');
  });

  it('migrate_1_to_2 moves sz, lat and iv into one blob w and leaves the other keys alone', () => {
    const out = migrate_1_to_2(params('cpus=8&sz=1:3&seed=2&iv=mig@10:0>3'));
    expect(out.map((p) => p.key)).toEqual(['cpus', 'seed', 'w']);
    expect(out[2].innerPrefix).toBe('');
    expect(migrate_1_to_2(params('cpus=8&fc=2'))).toEqual(params('cpus=8&fc=2'));
  });

  it('v1 links open the same scenario and moment as the v1 decoder read them', () => {
    const s = presetScenario('pause-unmaps');
    s.cpus = 8;
    s.workload.sizes = [{ pages: 1, weight: 3 }, { pages: 16, weight: 0.25 }];
    s.workload.latency = { dist: 'uniform', meanUs: 120, spreadUs: 60 };
    s.interventions = [{ kind: 'pause', atMs: 50, forMs: 30, cpus: [1, 2, 3, 4, 5, 6, 7] }, { kind: 'mode', atMs: 100, mode: 'strict' }];
    const d = decodeHash(`#${V1_LINKS[0]}`);
    expect(d.errors).toEqual([]);
    expect(d.version).toBe(1);
    expect(d.preset).toBe('pause-unmaps');
    expect(d.scenario).toEqual(s);
    expect(d.t).toBe(5_000_000);
    // Re-encoded, it is a v4 link with the lists readable, and it means the same.
    const v2 = encodeHash(d.scenario, d.preset, { t: d.t });
    expect(v2).toBe('v=4&p=pause-unmaps&cpus=8&sz=1:3,16:0.25&lat=uni:120:60&iv=pause@50+30:1-7;mode@100:strict&t=5000000');
    expect(decodeHash(v2).scenario).toEqual(s);
  });

  it('each v1 link, migrated to v2 parameters and written out, decodes to the same state', () => {
    for (const link of V1_LINKS) {
      const read = readVersion(params(link));
      expect(read.version).toBe(1);
      const v2 = `v=${URL_VERSION}&${paramsToHash(migrate(read.params, 1))}`;
      const a = decodeHash(link);
      const b = decodeHash(v2);
      expect(a.errors, link).toEqual([]);
      expect(b.errors, v2).toEqual([]);
      expect(b.scenario, link).toEqual(a.scenario);
      expect([b.preset, b.t]).toEqual([a.preset, a.t]);
    }
  });

  it('an unversioned hash is read as v1 (the CLI\'s hand-written form)', () => {
    const d = decodeHash('mode=strict&sz=1:1,8:3');
    expect(d.version).toBe(1);
    expect(d.errors).toEqual([]);
    expect(d.scenario.mode).toBe('strict');
    expect(d.scenario.workload.sizes).toEqual([{ pages: 1, weight: 1 }, { pages: 8, weight: 3 }]);
  });

  it('an empty hash is the current defaults, not version 1', () => {
    for (const h of ['', '#']) {
      const d = decodeHash(h);
      expect(d.version).toBe(URL_VERSION);
      expect(d.scenario).toEqual(DEFAULT_SCENARIO);
    }
  });

  it('a v1 link keeps its messages naming the keys its author wrote', () => {
    const d = decodeHash('v=1&cpus=3&sz=1:0&iv=pause@1+1:99&lat=gauss:1:2&seed=42');
    expect(d.errors).toEqual([
      expect.stringMatching(/^sz: "1:0" rejected: workload\.sizes\[0\]\.weight: 0 is not allowed/),
      expect.stringMatching(/^lat: "gauss:1:2" rejected: expected fix\|uni\|exp/),
      // The CPU check runs once all keys are in (it depends on cpus), and names the field.
      'interventions[0].cpus: CPU 99 does not exist; expected 0..2',
    ]);
    expect([d.scenario.cpus, d.scenario.seed]).toEqual([3, 42]);
  });

  it('in v2 the v1 list keys are reported, with the reason', () => {
    const d = decodeHash('v=2&sz=1:1&iv=mig@1:0>1');
    expect(d.errors).toEqual([expect.stringMatching(/^sz: not read at the top level before URL version 4 \(older links/), expect.stringMatching(/^iv: not read at the top level/)]);
    // The same in a v3 link; v4 reads them.
    expect(decodeHash('v=3&sz=1:1').errors).toEqual([expect.stringMatching(/^sz: not read at the top level before URL version 4/)]);
    expect(decodeHash('v=4&sz=1:1&iv=mig@1:0>1').errors).toEqual([]);
    // A v2 link without era or pci meant era B without the 32-bit-first attempt (migrate_2_to_3).
    expect(d.scenario).toEqual({ ...DEFAULT_SCENARIO, kernel: '6.5', pci: false });
  });

  it('a preset added after v2, named in an unversioned or v2 hash, keeps its own values (no v2 link can name it)', () => {
    for (const h of ['p=sac-edge', 'v=2&p=sac-edge', 'p=sac-edge&cpus=64']) {
      const d = decodeHash(h);
      const want = presetScenario('sac-edge');
      if (h.includes('cpus=64')) want.cpus = 64;
      expect(d.errors, h).toEqual([]);
      expect(d.scenario, h).toEqual(want);
    }
    // A v2 preset still gets v2's meaning (kernel 6.5 without the 32-bit-first attempt).
    expect(decodeHash('p=steady-lazy').scenario).toMatchObject({ kernel: '6.5', pci: false });
  });

  it('a future version: a clear message, then read best-effort as the current version', () => {
    const d = decodeHash('v=99&mode=strict&cpus=8&hyperdrive=on&fc=2');
    expect(d.errors[0]).toMatch(/^v: this link was made by a newer version of the lab \(URL version 99; this page reads up to 4\)/);
    expect(d.errors.slice(1)).toEqual(['hyperdrive: unknown key, ignored']);
    expect([d.scenario.mode, d.scenario.cpus, d.focusCpu, d.version]).toEqual(['strict', 8, 2, 4]);
  });

  it('a malformed or repeated v: a message, read as v1 (which also accepts v2 keys)', () => {
    for (const v of ['abc', '0', '-1', '1.5', '']) {
      const d = decodeHash(`v=${v}&sz=1:1,2:1&cpus=4`);
      expect(d.errors, v).toEqual([expect.stringMatching(/^v: ".*" is not a URL version \(expected 1 to 4\); it is read as version 1$/)]);
      expect(d.scenario.workload.sizes).toHaveLength(2);
      expect(d.scenario.cpus).toBe(4);
    }
    const twice = decodeHash('v=2&v=1&cpus=4');
    expect(twice.errors).toEqual(['v: given 2 times; the first ("2") is used']);
    expect(twice.version).toBe(2);
  });
});

describe('URL v2 → v3: eras become kernel versions', () => {
  it('era A/B/C become kv 5.15/6.5/6.7; an absent era is the preset\'s (B, or C for single-queue); an absent pci is 0', () => {
    const kv = (h: string) => migrate(params(h), 2);
    expect(kv('era=A&pci=1')).toEqual(params('kv=5.15&pci=1'));
    expect(kv('era=B')).toEqual(params('kv=6.5&pci=0'));
    expect(kv('era=C&q=single')).toEqual(params('kv=6.7&q=single&pci=0'));
    expect(kv('cpus=4')).toEqual(params('cpus=4&kv=6.5&pci=0'));
    expect(kv('p=single-queue')).toEqual(params('p=single-queue&kv=6.7&pci=0'));
    // A hand-written hash that already speaks v3 (the CLI's --scenario with kv=) gets nothing added.
    expect(kv('kv=5.11&cpus=2')).toEqual(params('kv=5.11&cpus=2'));
    expect(kv('fdac=1')).toEqual(params('fdac=1'));
  });

  it('old links keep running what they ran: the v2 default had no 32-bit-first attempt', () => {
    const d = decodeHash('v=2&cpus=8');
    expect(d.errors).toEqual([]);
    expect([d.scenario.kernel, d.scenario.pci, d.scenario.forcedac]).toEqual(['6.5', false, false]);
    const sac = decodeHash('v=2&era=A&pci=1');
    expect([sac.scenario.kernel, sac.scenario.pci]).toEqual(['5.15', true]);
    // The CLI's unversioned form with era= (v1 keys) still works.
    const cli = decodeHash('cpus=128&sz=32:1&pci=1&dur=200&era=C');
    expect(cli.errors).toEqual([]);
    expect([cli.scenario.kernel, cli.scenario.pci, cli.scenario.cpus]).toEqual(['6.7', true, 128]);
    // Every v2 preset link means its old values (kernel 6.5 / 6.7 without SAC), now the preset's own;
    // cliff is timeout-flood since issue 20 (an alias, same values), re-encoded under its new name.
    for (const [p, now] of [['cliff', 'timeout-flood'], ['tiny-lazy', 'tiny-lazy'], ['single-queue', 'single-queue'], ['john-storage', 'john-storage']]) {
      const m = decodeHash(`v=2&p=${p}`);
      expect(m.scenario, p).toEqual(presetScenario(now));
      expect(encodeHash(m.scenario, m.preset), p).toBe(`v=4&p=${now}`);
    }
  });

  it('an era that was never valid is named, with the versions to use instead', () => {
    const d = decodeHash('v=2&era=D&cpus=3');
    expect(d.errors).toEqual([expect.stringMatching(/^era: "D" is not an era of URL version 2 \(A, B or C\); since version 3 the kernel is a version, kv= \(5\.4 \| /)]);
    expect(d.scenario.cpus).toBe(3);
  });

  it('a v3 link with a version the lab does not model: a message naming kv, the rest kept', () => {
    const d = decodeHash('v=3&kv=4.19&cpus=6');
    expect(d.errors).toEqual([expect.stringMatching(/^kv: "4\.19" rejected: kernel \(URL key kv\): "4\.19" is not a version the lab models; expected one of 5\.4 \| 5\.10/)]);
    expect([d.scenario.cpus, d.scenario.kernel]).toEqual([6, '6.12']);
  });
});
