// The run status sentence: the engine steps (what the playback bar's "step" counts) and the IOMMU
// trace events, named so a passthrough run's "0 trace events" does not contradict "step 224,803".
import { describe, expect, it } from 'vitest';
import { runDoneText } from './runStatusText.ts';

describe('runDoneText', () => {
  it('names steps as the playback bar does and says what trace events are', () => {
    expect(runDoneText({ simulatedMs: 20, events: 0, mode: 'passthrough' }, 224_803)).toBe(
      'Simulated 20 ms in 224,803 steps (the playback bar’s “step”), 0 IOMMU trace events: passthrough maps and unmaps nothing in the IOMMU',
    );
    expect(runDoneText({ simulatedMs: 20, events: 1234, mode: 'lazy' }, 5000)).toBe('Simulated 20 ms in 5,000 steps (the playback bar’s “step”), 1,234 IOMMU trace events');
  });
});
