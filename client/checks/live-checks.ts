/**
 * Live blameless checks for one open postmortem. Every change to the document (typed here or
 * arriving from others) restarts a short quiet timer; when it ends, in idle time, the document is
 * read as a snapshot and checked on the worker, with the names of the people present as the
 * roster. Nothing is written into the Y.Doc: the findings live in a store that the marks and the
 * panel read, with the server's dismissals applied (server-sync.ts).
 */
import type { PublishResponse, Role } from '../../shared/api/index.ts';
import type { Finding } from '../../shared/checks/types.ts';
import { fieldKey } from '../../shared/checks/types.ts';
import { textUnits } from '../../shared/checks/units.ts';
import { readSnapshot } from '../../shared/schema/snapshot.ts';
import type { PostmortemChecksInfo } from '../api/client.ts';
import type { Session } from '../editor/session.ts';
import { createStore, type Store } from '../editor/store.ts';
import { createCheckRunner, type CheckRunner, type RunResult } from './runner.ts';
import { createServerSync } from './server-sync.ts';
import { buildView, EMPTY_VIEW, type ChecksView } from './view.ts';

/** Quiet time after the last change before a run. */
export const DEBOUNCE_MS = 250;
/** Longest a run waits while changes keep coming (others typing without a pause). */
const MAX_WAIT_MS = 2_000;
/** Name of the User Timing measure recorded for every run (read by the performance test). */
export const RUN_MEASURE = 'second-story:checks-run';

export interface RunStats {
  /** From reading the document to having findings. */
  totalMs: number;
  /** Reading the Y.Doc into a snapshot, on the page. */
  snapshotMs: number;
  engineMs: number;
  run: number;
  where: RunResult['where'];
  chars: number;
}

export interface LiveChecksState {
  view: ChecksView;
  /** Facilitators: when and how the postmortem was published. */
  publish: PostmortemChecksInfo['publish'];
  lastRun: RunStats | null;
}

export interface LiveChecks {
  readonly state: Store<LiveChecksState>;
  readonly role: Role;
  /** Facilitator: marks a finding as a false positive with a reason. */
  dismiss(findingId: string, reason: string): Promise<void>;
  /** Facilitator: brings a dismissed finding back. */
  restore(findingId: string): Promise<void>;
  /** Facilitator: publishes; rejects with an ApiError (409 with findings) when errors block it. */
  publish(overrideReason?: string): Promise<PublishResponse>;
  /** Starts listening, running and fetching; returns the stop function (safe to start again). */
  start(): () => void;
}

interface LocalReport {
  findings: Finding[];
  texts: Map<string, string>;
  version: number;
}

function idle(callback: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout: 300 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(callback, 0);
  return () => clearTimeout(handle);
}

/** Display names of everyone in the session (awareness `user.name`), sorted. */
function rosterOf(session: Session): string[] {
  const names = new Set<string>();
  for (const state of session.provider.awareness.getStates().values()) {
    const user: unknown = (state as { user?: unknown }).user;
    if (typeof user === 'object' && user !== null && 'name' in user && typeof user.name === 'string' && user.name.trim()) {
      names.add(user.name.trim());
    }
  }
  return [...names].sort();
}

function checksSwitchedOff(): boolean {
  try {
    return globalThis.localStorage?.getItem('second-story:checks') === 'off';
  } catch {
    return false;
  }
}

function measure(started: number, stats: RunStats): void {
  try {
    performance.measure(RUN_MEASURE, { start: started, end: performance.now(), detail: stats });
  } catch {
    // Browsers without User Timing level 3: the measure is only for diagnostics.
  }
}

/** Live checks for a session; nothing runs until `start`, and its stop leaves no timer, listener or worker. */
export function createLiveChecks(session: Session, role: Role, token: string): LiveChecks {
  const { doc } = session;
  const awareness = session.provider.awareness;
  const state = createStore<LiveChecksState>({ view: EMPTY_VIEW, publish: null, lastRun: null });
  // Diagnostics (bench): localStorage 'second-story:checks' = 'off', read once per session, stops the checks from running.
  const checksOff = checksSwitchedOff();

  let runner: CheckRunner | null = null;
  let stopped = true;
  let docVersion = 0;
  let roster: string[] = [];
  let report: LocalReport | null = null;

  const refreshView = () => {
    if (!report) return;
    const { dismissals, hidden, publishRecord } = server;
    const showDismissed = role === 'facilitator';
    const view = buildView({ findings: report.findings, texts: report.texts, dismissals, hidden, showDismissed }, state.get().view);
    state.set({ view, publish: publishRecord });
  };

  const server = createServerSync({
    session,
    role,
    token,
    localRun: () => (report ? { findings: report.findings, current: report.version === docVersion } : null),
    onChange: refreshView,
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | null = null;
  let running = false;
  let runAgain = false;
  let waitingSince: number | null = null;

  const schedule = (wait: number) => {
    clearTimeout(timer);
    cancelIdle?.();
    cancelIdle = null;
    const now = performance.now();
    waitingSince ??= now;
    const delay = Math.min(wait, Math.max(0, waitingSince + MAX_WAIT_MS - now));
    timer = setTimeout(() => {
      cancelIdle = idle(() => {
        cancelIdle = null;
        runNow();
      });
    }, delay);
  };

  const runNow = () => {
    if (stopped || !runner) return;
    if (running) {
      runAgain = true;
      return;
    }
    running = true;
    waitingSince = null;
    const started = performance.now();
    const snapshot = readSnapshot(doc);
    const texts = new Map<string, string>();
    let chars = 0;
    for (const unit of textUnits(snapshot)) {
      texts.set(fieldKey(unit.field), unit.text);
      chars += unit.text.length;
    }
    const snapshotMs = performance.now() - started;
    const version = docVersion;
    runner
      .run({ snapshot, roster, now: new Date().toISOString() })
      .then((result) => {
        if (stopped) return;
        report = { findings: result.findings, texts, version };
        refreshView();
        const stats: RunStats = {
          totalMs: performance.now() - started,
          snapshotMs,
          engineMs: result.engineMs,
          run: result.run,
          where: result.where,
          chars,
        };
        state.set({ lastRun: stats });
        measure(started, stats);
        server.reconcile();
      })
      .catch(() => {
        // A failed run leaves the last findings in place; the next change runs again.
      })
      .finally(() => {
        running = false;
        if (runAgain && !stopped) {
          runAgain = false;
          schedule(0);
        }
      });
  };

  const onDocUpdate = () => {
    docVersion += 1;
    schedule(DEBOUNCE_MS);
  };

  // Someone joined, left or was renamed: the named-individual rule reads the roster.
  const onAwareness = () => {
    const names = rosterOf(session);
    if (names.join('\n') === roster.join('\n')) return;
    roster = names;
    schedule(DEBOUNCE_MS);
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    cancelIdle?.();
    cancelIdle = null;
    doc.off('update', onDocUpdate);
    awareness.off('change', onAwareness);
    server.stop();
    runner?.destroy();
    runner = null;
    running = false;
    runAgain = false;
    waitingSince = null;
  };

  const start = () => {
    if (!stopped) return stop;
    stopped = false;
    if (checksOff) {
      server.start();
      return stop;
    }
    runner = createCheckRunner();
    roster = rosterOf(session);
    doc.on('update', onDocUpdate);
    awareness.on('change', onAwareness);
    server.start();
    schedule(0);
    return stop;
  };

  return {
    state,
    role,
    dismiss: (findingId, reason) => server.dismiss(findingId, reason),
    restore: (findingId) => server.restore(findingId),
    publish: (overrideReason) => server.publish(overrideReason),
    start,
  };
}
