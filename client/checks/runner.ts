/**
 * Runs the checks engine for one open postmortem: on a worker thread when the browser allows it,
 * otherwise on the page (loaded on demand, so the engine never weighs on the first paint).
 * Either way one memo lives as long as the session.
 */
import type { Finding } from '../../shared/checks/types.ts';
import type { PostmortemSnapshot } from '../../shared/schema/snapshot.ts';
import type { CheckRequest, CheckResponse } from './worker-protocol.ts';

export interface RunInput {
  snapshot: PostmortemSnapshot;
  roster: readonly string[];
  now: string;
}

export interface RunResult {
  findings: Finding[];
  /** Time spent in runChecks alone. */
  engineMs: number;
  /** 1 for the first run of this session (cold memo), then 2, 3… */
  run: number;
  where: 'worker' | 'page';
}

export interface CheckRunner {
  run(input: RunInput): Promise<RunResult>;
  destroy(): void;
}

type Engine = (input: RunInput) => RunResult;

async function loadPageEngine(): Promise<Engine> {
  const [{ runChecks }, { createMemo }] = await Promise.all([
    import('../../shared/checks/engine.ts'),
    import('../../shared/checks/memo.ts'),
  ]);
  const memo = createMemo();
  let runs = 0;
  return (input) => {
    const started = performance.now();
    const { findings } = runChecks(input, { memo });
    runs += 1;
    return { findings, engineMs: performance.now() - started, run: runs, where: 'page' };
  };
}

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./checks.worker.ts', import.meta.url), { type: 'module', name: 'blameless-checks' });
  } catch {
    return null;
  }
}

interface Pending {
  input: RunInput;
  resolve(result: RunResult): void;
  reject(error: Error): void;
}

/** A runner for one session; `destroy` stops its worker. */
export function createCheckRunner(): CheckRunner {
  let worker = startWorker();
  let pageEngine: Promise<Engine> | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let destroyed = false;

  const onPage = (input: RunInput): Promise<RunResult> => {
    pageEngine ??= loadPageEngine();
    return pageEngine.then((engine) => engine(input));
  };

  // A worker that cannot start (or dies) hands its waiting runs to the page engine.
  const abandonWorker = () => {
    worker?.terminate();
    worker = null;
    for (const [id, job] of pending) {
      pending.delete(id);
      onPage(job.input).then(job.resolve, job.reject);
    }
  };

  if (worker) {
    worker.addEventListener('message', (event: MessageEvent<CheckResponse>) => {
      const message = event.data;
      const job = pending.get(message.runId);
      if (!job) return;
      pending.delete(message.runId);
      if (message.type === 'result') {
        job.resolve({ findings: message.findings, engineMs: message.engineMs, run: message.run, where: 'worker' });
      } else {
        job.reject(new Error(message.message));
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      abandonWorker();
    });
  }

  return {
    run(input) {
      if (destroyed) return Promise.reject(new Error('checks runner closed'));
      const current = worker;
      if (!current) return onPage(input);
      const runId = nextId++;
      return new Promise<RunResult>((resolve, reject) => {
        pending.set(runId, { input, resolve, reject });
        const request: CheckRequest = { type: 'run', runId, ...input };
        try {
          current.postMessage(request);
        } catch {
          abandonWorker();
        }
      });
    },
    destroy() {
      destroyed = true;
      worker?.terminate();
      worker = null;
      for (const job of pending.values()) job.reject(new Error('checks runner closed'));
      pending.clear();
    },
  };
}
