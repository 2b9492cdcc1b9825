// The scale inputs' URL keys (gr, hwq, bw, dev, numa, atom; sizes@/burst@ in iv and age, both in
// the blob w): they round-trip, a bad value is one message naming its key, the rest is kept, and
// at their defaults nothing is written.

import { describe, expect, it } from 'vitest';
import { cloneScenario, DEFAULT_SCENARIO } from '../sim/scenario.ts';
import { decodeHash, encodeHash } from './codec.ts';

describe('scale input URL keys', () => {
  it('defaults write nothing; every new field round-trips', () => {
    expect(encodeHash(cloneScenario(DEFAULT_SCENARIO))).toBe('v=4');
    const s = cloneScenario(DEFAULT_SCENARIO);
    Object.assign(s, { granuleKiB: 64, deviceBps: 7e9, devices: 2, numaNodes: 4, atomics: 'arm64' });
    s.workload.completion = 'hwq';
    s.workload.hwQueues = 4;
    s.aged = [{ cls: 0, cpuIovas: 62532, depotIovas: 24476 }];
    s.interventions = [
      { kind: 'sizes', atMs: 5, sizes: [{ pages: 64, weight: 1 }] },
      { kind: 'burst', atMs: 2, holdMs: 3, count: 4096, pages: 1, cpu: 1 },
    ];
    const h = encodeHash(s);
    expect(h).toBe('v=4&cp=hwq&gr=64&hwq=4&bw=7000000000&dev=2&numa=4&atom=arm64&iv=sizes@5:64:1;burst@2+3:4096x1:1&age=0:62532:24476');
    const d = decodeHash(h);
    expect(d.errors).toEqual([]);
    expect(d.scenario).toEqual(s);
  });

  it('a bad value names its key and keeps the others', () => {
    const d = decodeHash('v=2&gr=8&cpus=8&atom=x86&bw=-1&dev=2');
    expect(d.errors).toEqual([
      'gr: "8" rejected: granuleKiB: 8 is not allowed; expected 4 or 64 (KiB)',
      'atom: "x86" rejected: atomics: "x86" is not allowed; expected one of flat | arm64',
      'bw: "-1" rejected: deviceBps: -1 is not allowed; expected a number in [0, 10000000000000]',
    ]);
    expect(d.scenario).toMatchObject({ cpus: 8, devices: 2, granuleKiB: 4, atomics: 'flat', deviceBps: 0 });
  });

  it('cross-field rules: NUMA nodes need CPUs; a burst needs its CPU', () => {
    // More queues than CPUs is allowed: as drivers do (min(queues, CPUs)), each CPU gets its own.
    expect(decodeHash('v=2&cp=hwq&hwq=32&cpus=8').errors).toEqual([]);
    expect(decodeHash('v=2&numa=32&cpus=8').errors).toEqual(['numaNodes (URL numa): 32 nodes exceed cpus (8)']);
    const b = decodeHash('iv=burst@5+10:100x1:9;mode@3:strict&cpus=8');
    expect(b.errors).toEqual(['interventions[0].cpu: CPU 9 does not exist; expected 0..7']);
    expect(b.scenario.interventions).toEqual([{ kind: 'mode', atMs: 3, mode: 'strict' }]);
  });

  it('bad interventions and aged specs inside the blob are named', () => {
    expect(decodeHash('iv=sizes@5:0:1').errors).toEqual(['iv: "sizes@5:0:1" rejected: interventions[0].sizes[0].pages: 0 is not allowed; expected an integer in [1, 65536]']);
    const s = cloneScenario(DEFAULT_SCENARIO);
    s.aged = [{ cls: 0, cpuIovas: 1, depotIovas: 1 }];
    const h = encodeHash(s);
    expect(decodeHash(h).scenario.aged).toEqual(s.aged);
    // A v1 hash cannot carry `age` at the top level (a blob key of versions 2 and 3); v4 reads it.
    expect(decodeHash('age=9:1:1').errors).toEqual([expect.stringMatching(/^age: not read at the top level before URL version 4/)]);
    expect(decodeHash('v=4&age=9:1:1').errors).toEqual(['age: "9:1:1" rejected: aged[0].cls: 9 is not allowed; expected an integer in [0, 5]']);
  });
});
