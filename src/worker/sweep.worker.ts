// Module Web Worker of the page's sweep pool (sweepPool.ts): runs each task it is sent (sweepRun.ts).

import { handleSweepRequest, type SweepReply, type SweepRequest } from './sweepRun.ts';

// A worker posts to its creator; there is no target origin (the rule is for window.postMessage).
// oxlint-disable-next-line unicorn/require-post-message-target-origin
const post = (r: SweepReply): void => self.postMessage(r);

self.addEventListener('message', (e: MessageEvent<SweepRequest>) => handleSweepRequest(e.data, post));
