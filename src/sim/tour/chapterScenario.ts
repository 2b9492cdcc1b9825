// A chapter's scenario: its preset with its overrides, validated. Kept apart from scan.ts so the
// page's main thread (the store, the URL) can build it without pulling in the engine.

import { applyOverrides, presetScenario } from '../presets.ts';
import type { Scenario } from '../scenario.ts';
import { validateScenario } from '../validate.ts';
import type { ChapterDef } from './types.ts';

export function chapterScenario(ch: ChapterDef): Scenario {
  const { scenario, errors } = validateScenario(applyOverrides(presetScenario(ch.preset), ch.overrides));
  if (errors.length) throw new Error(`tour ${ch.id}: invalid scenario: ${errors.join('; ')}`);
  return scenario;
}
