// What every URL key and preset meant when URL version 3 was fixed (version 2's meanings are kept by
// migrate_2_to_3 in migrations.ts), in the keys' own text forms.
// A link says `p=cliff&cpus=32` and means "cliff's values, with 32 CPUs": if cliff's values or a
// default changed, every shared link to it would silently show something else. presetPins.test.ts
// compares the registry with these pins. When it fails on purpose (a preset retuned, a default
// changed), keep old links meaning what they meant: bump URL_VERSION and add a migration step that
// writes the old values out (e.g. `p=cliff` → `p=cliff&cpus=64`), then update the pins. A new
// preset or a new key only needs its pin added (a new key's default must keep old behaviour).
// A renamed preset keeps its old name as an alias (PRESET_ALIASES in sim/presets.ts) and both names
// stay pinned to the same values: `cliff` became `timeout-flood` in issue 20, values unchanged.

export const PINNED_DEFAULTS: Readonly<Record<string, string>> = {
  seed: '1',
  mode: 'lazy',
  kv: '6.12',
  q: 'percpu',
  cr: '0',
  cpus: '16',
  dur: '100',
  fq: '0',
  fqt: '0',
  hz: '0',
  mag: '0',
  depot: '32',
  rcl: '100',
  tlb: '512',
  dma: '48',
  pci: '1',
  fdac: '0',
  al: 'kernel',
  lc: '0',
  qd: '32',
  cp: 'same',
  cc: '0',
  wm: '0',
  'c.ioSubmitNs': '1500',
  'c.ioCompleteNs': '1500',
  'c.ptMapNs': '150',
  'c.ptUnmapNs': '150',
  'c.ptPerPageNs': '10',
  'c.invRangeNs': '2000',
  'c.flushAllNs': '4000',
  'c.atomicLocalNs': '5',
  'c.atomicRemoteNs': '80',
  'c.lockNs': '20',
  'c.lockHandoffNs': '100',
  'c.ringEntryNs': '15',
  'c.magazineOpNs': '20',
  'c.rbtreeOpBaseNs': '100',
  'c.rbtreeOpLogNs': '20',
  'c.rbtreeWalkStepNs': '20',
  'c.magAllocNs': '60',
  'c.timerCallbackNs': '500',
  sz: '1:1',
  lat: 'exp:80:0',
  iv: '',
  // Scale inputs (issue 19 §2): new keys whose defaults keep the old behaviour.
  gr: '4',
  hwq: '16',
  bw: '0',
  dev: '1',
  numa: '1',
  atom: 'flat',
  'c.rbtreeWalkStepLevelNs': '0',
  'c.lockHandoffNumaNs': '1000',
  'c.atomicStaddNs': '10',
  'c.atomicOrderedNs': '40',
  age: '',
};

export const PINNED_PRESETS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  default: {},
  'tiny-lazy': { kv: '6.5', pci: '0', cpus: '2', dur: '30', fq: '16', qd: '4', lat: 'exp:400:0' },
  'steady-lazy': { kv: '6.5', pci: '0', dur: '200' },
  'steady-strict': { kv: '6.5', pci: '0', mode: 'strict', dur: '200' },
  passthrough: { kv: '6.5', pci: '0', mode: 'passthrough', dur: '200' },
  'pause-unmaps': { kv: '6.5', pci: '0', dur: '150', iv: 'pause@50+30:1-15' },
  // The old name of timeout-flood (an alias since issue 20): what every `p=cliff` link means.
  cliff: { kv: '6.5', pci: '0', cpus: '64', dur: '300', cp: 'next', sz: '1:60,2:10,4:10,8:8,16:6,32:3,64:3', iv: 'pause@100+30:1-63' },
  'john-storage': { kv: '6.5', pci: '0', dur: '200', lc: '12', lat: 'exp:240:0' },
  'single-queue': { kv: '6.7', pci: '0', q: 'single', dur: '200', 'c.flushAllNs': '200000' },
  // Added in URL version 3 (issue 20), pinned from the start.
  'sac-edge': { kv: '6.5', cpus: '128', dur: '120', sz: '32:1' },
  'uncached-lockup': { kv: '6.5', cpus: '128', dur: '100', qd: '4', sz: '1024:1' },
  'phase-park': { kv: '6.5', dur: '150', cp: 'hwq', hwq: '4', iv: 'sizes@40:1:60,2:10,4:10,8:8,16:6,32:6;sizes@90:1:1' },
  // Issue 20's report presets (branch presets3), pinned from the start; timeout-flood is `cliff` renamed.
  'timeout-flood': { kv: '6.5', pci: '0', cpus: '64', dur: '300', cp: 'next', sz: '1:60,2:10,4:10,8:8,16:6,32:3,64:3', iv: 'pause@100+30:1-63' },
  'depot-exchange': { kv: '6.6', cpus: '256', cp: 'hwq' },
  'john-16h': {
    kv: '5.10',
    cpus: '128',
    dur: '200',
    lc: '12',
    cp: 'hwq',
    wm: '2',
    sz: '1:99,64:1',
    lat: 'exp:240:0',
    age: '0:10422:4079,1:10422:4079,2:10422:4079,3:10422:4079,4:10422:4079,5:10422:4079',
  },
};
