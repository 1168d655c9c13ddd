/**
 * The server's side of the checks: its stored report, dismissals, and publishing.
 *
 * Facilitators get the dismissed findings with their reasons. Participants and viewers only get
 * the findings that are not dismissed, so a local finding the server's report lacks is taken as
 * dismissed, but only when that report is known to describe exactly the text checked here: fresh
 * on the server (its revision is the document's), and nothing changed here since it was asked for.
 * A facilitator who dismisses or restores says so through awareness (a counter, never a reason),
 * and everyone asks the server again.
 */
import type { PublishResponse, Role } from '../../shared/api/index.ts';
import type { Finding } from '../../shared/checks/types.ts';
import { roots } from '../../shared/schema/document.ts';
import { ApiError, dismissFinding, getPostmortemChecks, publishPostmortem, restoreFinding, type PostmortemChecksInfo } from '../api/client.ts';
import type { Session } from '../editor/session.ts';
import type { Dismissal } from './view.ts';

/** How long after this person's last edit a server report can be compared with ours (the edit has reached it). */
const QUIET_MS = 1_000;
const RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;
/** Awareness field through which a facilitator tells the others that dismissals changed. */
const AWARENESS_FIELD = 'checks';

/** The latest local run, as the comparison needs it. */
export interface LocalRun {
  findings: readonly Finding[];
  /** The run describes the document as it is now (no change since it read it). */
  current: boolean;
}

export interface ServerSyncOptions {
  session: Session;
  role: Role;
  token: string;
  /** The latest local run, or null before the first. */
  localRun(): LocalRun | null;
  /** Dismissals or the publish record changed. */
  onChange(): void;
}

export interface ServerSync {
  /** Dismissed findings with reasons (facilitators). */
  readonly dismissals: ReadonlyMap<string, Dismissal>;
  /** Ids known to be dismissed, without reasons (participants and viewers). */
  readonly hidden: ReadonlySet<string>;
  /** Facilitators: when and how the postmortem was published. */
  readonly publishRecord: PostmortemChecksInfo['publish'];
  /** Called after every local run: a comparison may be waiting for it. */
  reconcile(): void;
  dismiss(findingId: string, reason: string): Promise<void>;
  restore(findingId: string): Promise<void>;
  publish(overrideReason?: string): Promise<PublishResponse>;
  start(): void;
  stop(): void;
}

function epochsOf(session: Session): Map<number, number> {
  const epochs = new Map<number, number>();
  session.provider.awareness.getStates().forEach((state, clientId) => {
    const value: unknown = (state as Record<string, unknown>)[AWARENESS_FIELD];
    if (typeof value === 'object' && value !== null && 'epoch' in value && typeof value.epoch === 'number') {
      epochs.set(clientId, value.epoch);
    }
  });
  return epochs;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Asked {
  info: PostmortemChecksInfo;
  sentAt: number;
  /** Local document changes counted when the request was sent. */
  changesAtSend: number;
}

/** Keeps the server's view of the checks for one session. */
export function createServerSync({ session, role, token, localRun, onChange }: ServerSyncOptions): ServerSync {
  const { doc } = session;
  const awareness = session.provider.awareness;
  const facilitator = role === 'facilitator';
  let dismissals = new Map<string, Dismissal>();
  const hidden = new Set<string>();
  let publishRecord: PostmortemChecksInfo['publish'] = null;
  let stopped = true;

  // Every change counts; only this person's own edits may still be on their way to the server.
  let changes = 0;
  let lastLocalChangeAt = -Infinity;
  let connectedAt = session.provider.wsconnected ? 0 : Infinity;
  let asked: Asked | null = null;
  let controller: AbortController | null = null;
  let comparing = false;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const ask = async (): Promise<PostmortemChecksInfo | null> => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const sentAt = performance.now();
    const changesAtSend = changes;
    try {
      const info = await getPostmortemChecks(session.id, token, mine.signal);
      if (stopped || mine.signal.aborted) return null;
      asked = { info, sentAt, changesAtSend };
      if (facilitator) {
        dismissals = new Map((info.checks.dismissed ?? []).map((f) => [f.id, f.dismissal]));
        publishRecord = info.publish;
        onChange();
      } else {
        comparing = true;
        reconcile();
      }
      return info;
    } catch {
      // Offline or refused: marks still work; dismissals are applied once the server answers.
      return null;
    }
  };

  // Backs off while the document stays busy; one good comparison is enough, whenever it comes.
  const retry = () => {
    if (retryTimer !== undefined) return;
    const wait = Math.min(MAX_RETRY_MS, RETRY_MS * 2 ** retries);
    retries += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void ask();
    }, wait);
  };

  const askAgainNow = () => {
    retries = 0;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    void ask();
  };

  const reconcile = () => {
    if (facilitator || !comparing || !asked) return;
    const run = localRun();
    if (!run || !run.current) return; // a run is on its way; it calls back here
    const { info, sentAt, changesAtSend } = asked;
    const fresh = info.revision === info.checks.revision;
    const still =
      changesAtSend === changes && lastLocalChangeAt <= sentAt - QUIET_MS && connectedAt <= sentAt - QUIET_MS && session.provider.synced;
    if (!fresh || !still) {
      retry();
      return;
    }
    comparing = false;
    retries = 0;
    const onServer = new Set(info.checks.findings.map((f) => f.id));
    for (const f of run.findings) {
      if (onServer.has(f.id)) hidden.delete(f.id);
      else hidden.add(f.id);
    }
    onChange();
  };

  const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    changes += 1;
    if (origin !== session.provider) lastLocalChangeAt = performance.now();
  };

  let epochs = new Map<number, number>();
  let ownEpoch = 0;
  const onAwareness = () => {
    const next = epochsOf(session);
    const changed = [...next].some(([clientId, epoch]) => clientId !== awareness.clientID && epochs.get(clientId) !== epoch);
    epochs = next;
    if (changed) askAgainNow();
  };
  const announce = () => {
    ownEpoch += 1;
    awareness.setLocalStateField(AWARENESS_FIELD, { epoch: ownEpoch });
  };

  const onSocket = () => {
    const { socket } = session.state.get();
    if (socket === 'connected' && connectedAt === Infinity) connectedAt = performance.now();
    if (socket !== 'connected') connectedAt = Infinity;
  };

  // Facilitators read the publish record once the postmortem is published (from any tab).
  const { moderation } = roots(doc);
  const onModeration = (event: { keysChanged: Set<string> }) => {
    if (facilitator && event.keysChanged.has('status')) void ask();
  };

  /** Asks until the server has checked its latest revision (a few seconds at most). */
  const freshReport = async (): Promise<PostmortemChecksInfo | null> => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const info = await ask();
      if (stopped) return null;
      if (info && info.revision === info.checks.revision) return info;
      await pause(500);
    }
    return null;
  };

  let unsubscribeSocket: (() => void) | null = null;

  return {
    get dismissals() {
      return dismissals;
    },
    hidden,
    get publishRecord() {
      return publishRecord;
    },
    reconcile,
    async dismiss(findingId, reason) {
      try {
        await dismissFinding(session.id, token, findingId, reason);
      } catch (error) {
        // The server dismisses only findings of its own latest report: just after an edit it
        // may not have checked that text yet.
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
        const info = await freshReport();
        if (!info?.checks.findings.some((f) => f.id === findingId)) {
          throw new ApiError(404, 'not_found', 'The server has not checked this text yet. Try again in a moment.');
        }
        await dismissFinding(session.id, token, findingId, reason);
      }
      announce();
      await ask();
    },
    async restore(findingId) {
      await restoreFinding(session.id, token, findingId);
      announce();
      await ask();
    },
    async publish(overrideReason) {
      const result = await publishPostmortem(session.id, token, overrideReason);
      void ask();
      return result;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      epochs = epochsOf(session);
      doc.on('update', onDocUpdate);
      awareness.on('change', onAwareness);
      moderation.observe(onModeration);
      unsubscribeSocket = session.state.subscribe(onSocket);
      onSocket();
      void ask();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      controller?.abort();
      doc.off('update', onDocUpdate);
      awareness.off('change', onAwareness);
      moderation.unobserve(onModeration);
      unsubscribeSocket?.();
      unsubscribeSocket = null;
    },
  };
}
