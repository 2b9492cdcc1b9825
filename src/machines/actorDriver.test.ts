// The driver's contract with the engine: it takes over the control flow while attached, gives it
// back when stopped, and can attach between any two events; either way the run is exactly the one
// the engine alone makes.

import { describe, expect, it } from 'vitest';
import { Engine } from '../sim/engine.ts';
import { presetScenario } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { TraceRecorder } from '../sim/trace.ts';
import { ActorDriver, runScenarioWithActors } from './actorDriver.ts';

const tiny = () => {
  const s = presetScenario('tiny-lazy');
  s.durationMs = 30;
  return s;
};

describe('ActorDriver', () => {
  it('one CPU actor and one timer actor per CPU; every CPU decision is an actor transition', () => {
    const { driver, summary } = runScenarioWithActors(tiny());
    expect(driver.cpus).toHaveLength(2);
    expect(driver.timers).toHaveLength(2);
    expect(driver.engine.controller).toBeNull(); // stopped at the end of the run
    // At least dispatch + resume per I/O, and a few per timeout.
    expect(driver.delivered).toBeGreaterThan(2 * summary.ios);
  });

  it('detached half-way, the engine finishes the run exactly as it runs it alone', () => {
    const s = tiny();
    const alone = runScenario(s).summary.traceHash;
    const trace = new TraceRecorder();
    const e = new Engine(s, { trace });
    const d = new ActorDriver(e);
    d.runUntil(12_345_678);
    const delivered = d.delivered;
    d.stop();
    e.runUntil(e.r.durationNs);
    expect(delivered).toBeGreaterThan(100);
    expect(trace.hash()).toBe(alone);
  });

  it('attached half-way, the actors pick up where the engine has each CPU (same trace to the end)', () => {
    const s = tiny();
    const alone = runScenario(s).summary.traceHash;
    const trace = new TraceRecorder();
    const e = new Engine(s, { trace });
    e.runUntil(12_345_678);
    const d = new ActorDriver(e);
    d.runUntil(e.r.durationNs);
    expect(d.delivered).toBeGreaterThan(100);
    expect(trace.hash()).toBe(alone);
  });

  it('refuses a second controller', () => {
    const e = new Engine(tiny(), { trace: new TraceRecorder() });
    const first = new ActorDriver(e);
    expect(() => new ActorDriver(e)).toThrow(/already has a controller/);
    first.stop();
    expect(new ActorDriver(e).engine.controller).not.toBeNull(); // free again after stop
  });
});
