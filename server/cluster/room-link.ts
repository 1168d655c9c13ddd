/**
 * One loaded document's share of the cluster: publishes what this process stored, applies what
 * the others stored (through Redis), and reads from the database whatever it is missing. A gap
 * in revisions is given a moment to fill from Redis (updates of two processes can arrive in
 * either order) before the database is asked.
 */
import type { Logger } from '../logger.ts';
import { encodeMessage, type ClusterMessage } from './messages.ts';
import { RevisionTracker } from './revisions.ts';
import type { ClusterLink, ClusterRoom } from './types.ts';
import type { UpdatesSince } from '../storage/postgres/documents.ts';

export interface RoomLinkDeps {
  sender: string;
  logger: Logger;
  publish(docId: string, bytes: Uint8Array): void;
  updatesSince(docId: string, after: number): Promise<UpdatesSince>;
  /** How long a gap may stay open before the database is asked. */
  gapGraceMs: number;
  left(link: RoomLink): void;
}

/** Wait before asking the database again after it failed. */
const RETRY_MS = 1_000;

export class RoomLink implements ClusterLink {
  private readonly revisions: RevisionTracker;
  private timer: NodeJS.Timeout | null = null;
  private fetching = false;
  /** A catch-up was asked for while one was running. */
  private again = false;
  private gone = false;

  constructor(
    readonly room: ClusterRoom,
    private readonly deps: RoomLinkDeps,
  ) {
    this.revisions = new RevisionTracker(room.revision);
  }

  stored(update: Uint8Array, revision: number): number {
    this.revisions.mark(revision);
    this.deps.publish(this.room.id, encodeMessage({ kind: 'update', sender: this.deps.sender, revision, payload: update }));
    this.watchGap();
    return this.revisions.through;
  }

  presence(update: Uint8Array): void {
    this.deps.publish(this.room.id, encodeMessage({ kind: 'presence', sender: this.deps.sender, payload: update }));
  }

  /** Asks the other processes for their peers' presence (this process has just loaded the document). */
  askPresence(): void {
    this.deps.publish(this.room.id, encodeMessage({ kind: 'presence-query', sender: this.deps.sender }));
  }

  leave(): void {
    this.gone = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.deps.left(this);
  }

  get left(): boolean {
    return this.gone;
  }

  /** A message from another process about this document. */
  receive(message: ClusterMessage): void {
    const { room } = this;
    if (message.kind === 'update') {
      const { revision, payload } = message;
      if (this.revisions.has(revision)) return;
      void room.enqueue(() => {
        if (this.gone || this.revisions.has(revision)) return;
        room.applyRemoteUpdate(payload);
        this.revisions.mark(revision);
        room.revision = this.revisions.through;
        this.watchGap();
      });
    } else if (message.kind === 'presence') {
      void room.enqueue(() => {
        if (!this.gone) room.applyRemotePresence(message.payload);
      });
    } else {
      void room.enqueue(() => {
        const own = this.gone ? null : room.localPresence();
        if (own) this.presence(own);
      });
    }
  }

  /** The database holds `revision` (a periodic look): catch up if it does not arrive soon. */
  heardOf(revision: number): void {
    this.revisions.heardOf(revision);
    this.watchGap();
  }

  /** Schedules a catch-up if something is missing and still is after the grace time. */
  private watchGap(delay = this.deps.gapGraceMs): void {
    if (this.gone || this.timer || this.fetching || this.revisions.missingUpTo === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.revisions.missingUpTo !== null) void this.catchUp();
    }, delay);
  }

  /** Reads every update after the last one held from the database and applies what is missing. */
  async catchUp(): Promise<void> {
    if (this.gone) return;
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = true;
    this.again = false;
    let failed = false;
    try {
      const found = await this.deps.updatesSince(this.room.id, this.revisions.through);
      await this.room.enqueue(() => {
        if (this.gone) return;
        // A snapshot holds every update up to its revision; applying what is already held changes nothing.
        if (found.snapshot) this.room.applyRemoteUpdate(found.snapshot);
        for (const { revision, update } of found.updates) if (!this.revisions.has(revision)) this.room.applyRemoteUpdate(update);
        this.revisions.markThrough(found.revision);
        this.room.revision = this.revisions.through;
      });
    } catch (err) {
      failed = true;
      this.deps.logger.warn('could not read missed updates from the database; retrying', { doc: this.room.id, error: err as Error });
    } finally {
      this.fetching = false;
    }
    if (this.again) void this.catchUp();
    else this.watchGap(failed ? RETRY_MS : undefined);
  }
}
