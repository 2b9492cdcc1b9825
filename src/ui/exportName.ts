// File names of exports (issue 16): the scenario, then what, then the moment —
// `sac-edge_throughput_t15.000ms.png`. The scenario is the preset's name when the scenario is the
// preset unchanged, else the preset's name and a short hash of the link (FNV-1a of its hash text),
// so two different custom scenarios never share a name and the same one always gets the same name.

import type { Scenario } from '../sim/scenario.ts';
import { encodeHash, URL_VERSION } from '../url/codec.ts';
import { fileSafe } from '../panels/download.ts';

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function scenarioTag(s: Scenario, preset: string): string {
  const hash = encodeHash(s, preset);
  const plain = hash === `v=${URL_VERSION}` || hash === `v=${URL_VERSION}&p=${encodeURIComponent(preset)}`;
  return fileSafe(plain ? preset : `${preset}-${fnv1a(hash)}`);
}

/** `_t15.000ms` for a moment in ns; empty without one. */
export const momentPart = (t: number | undefined): string => (t === undefined ? '' : `_t${(t / 1e6).toFixed(3)}ms`);

export const exportName = (s: Scenario, preset: string, what: string, t: number | undefined, ext: string): string =>
  `${scenarioTag(s, preset)}_${fileSafe(what)}${momentPart(t)}.${ext}`;
