/**
 * The checks engine on its own thread: typing never waits for a run. One worker per open
 * postmortem, holding the session's one memo, so unchanged sentences are not analysed again.
 */
import { runChecks } from '../../shared/checks/engine.ts';
import { createMemo } from '../../shared/checks/memo.ts';
import type { CheckRequest, CheckResponse } from './worker-protocol.ts';

const memo = createMemo();
let runs = 0;

function reply(message: CheckResponse): void {
  postMessage(message);
}

addEventListener('message', (event: MessageEvent<CheckRequest>) => {
  const { runId, snapshot, roster, now } = event.data;
  const started = performance.now();
  try {
    const { findings } = runChecks({ snapshot, roster, now }, { memo });
    runs += 1;
    reply({ type: 'result', runId, findings, engineMs: performance.now() - started, run: runs });
  } catch (error) {
    reply({ type: 'failed', runId, message: error instanceof Error ? error.message : String(error) });
  }
});
