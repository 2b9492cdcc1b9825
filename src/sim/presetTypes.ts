// The shape of a preset (presets.ts holds the registry, reportPresets.ts the presets that
// reproduce a published report).

import type { Scenario } from './scenario.ts';

export interface Preset {
  name: string;
  /** One line for menus and --list. */
  description: string;
  /** Overrides applied to DEFAULT_SCENARIO (deep-merged for workload and costs). */
  overrides: PresetOverrides;
  /**
   * How many ms the gallery preview simulates when the telling moment is not an intervention (a
   * collapse that emerges on its own); the preview's CPU·ms budget applies otherwise.
   */
  previewMs?: number;
  /** For a preset that reproduces a published report: what the gallery card states. */
  report?: PresetReport;
}

/** A published report, its numbers, and what the engine makes of the preset (issue 20). */
export interface PresetReport {
  /** Who reported it, where and when. */
  source: string;
  /** The published numbers or shape, as reported. */
  published: string;
  /** cliff.ts's verdict on the preset's whole run at seed 1 (presetReports.test.ts checks it). */
  verdict: 'stable' | 'dip-recovered' | 'episodic' | 'cliff';
  /** What the lab shows, and what the upstream fix does to it. */
  shows: string;
  /**
   * True for a reconstruction whose mechanism was never confirmed (issue 20's `john-16h`): the
   * gallery labels the card "hypothesis", and the description says so too.
   */
  hypothesis?: boolean;
}

export type PresetOverrides = Partial<Omit<Scenario, 'workload' | 'costs'>> & {
  workload?: Partial<Scenario['workload']>;
  costs?: Partial<Scenario['costs']>;
};
