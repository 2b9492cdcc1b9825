// Runs the live session's jobs one at a time and keeps the worker responsive: a job runs in slices
// of about `sliceMs` of wall time; between slices the runner posts progress and yields to the event
// loop, so `cancel` and newer commands arrive while a long fast-forward or seek is under way. A
// newer load or seek supersedes the job in progress and anything queued that it makes pointless.
// No worker API here: the worker passes `post` and `yieldToEvents`, tests pass fakes.

import { supersedes, type LiveCommand, type LiveReply, type WorkCommand } from './liveProtocol.ts';
import type { LiveSession } from './liveSession.ts';

type Work = WorkCommand;

export class LiveRunner {
  private queue: Work[] = [];
  private current: Work | null = null;

  constructor(
    private readonly session: LiveSession,
    private readonly post: (r: LiveReply) => void,
    private readonly yieldToEvents: () => Promise<void>,
    private readonly clock: () => number,
    private readonly sliceMs = 16,
  ) {}

  /** A message from the page. */
  receive(cmd: LiveCommand): void {
    if (cmd.type === 'cancel') {
      if (this.current) this.session.abort = 'cancel';
      return;
    }
    if (cmd.type === 'inject-fault') {
      this.session.injectFault = true;
      return;
    }
    this.queue = this.queue.filter((q) => !supersedes(cmd, q));
    if (this.current && supersedes(cmd, this.current)) this.session.abort = 'supersede';
    this.queue.push(cmd);
    if (!this.current) void this.pump();
  }

  /** Whether a job is running or queued. */
  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const cmd = this.queue.shift()!;
      this.current = cmd;
      this.session.abort = 'none';
      try {
        await this.run(cmd);
      } finally {
        this.current = null;
      }
    }
  }

  private async run(cmd: Work): Promise<void> {
    const job = this.session.handle(cmd);
    let slice = this.clock();
    for (;;) {
      const r = job.next();
      if (r.done) return;
      const out = r.value;
      if (out.type !== 'tick') {
        this.post(out);
        continue;
      }
      if (this.clock() - slice < this.sliceMs) continue;
      if (out.progress !== null) this.post({ type: 'progress', id: cmd.id, done: out.progress, label: out.label });
      await this.yieldToEvents();
      slice = this.clock();
    }
  }
}
