/**
 * A loaded document and the peers editing it. Every change to the document goes through the
 * room's queue: applied, appended to the store's log, then broadcast, in arrival order. An
 * update that cannot be stored is never broadcast: the room closes every peer with 4503 and is
 * dropped, so memory never holds more than the store (the writers keep their edit and resend it).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { ROOTS } from '../../shared/schema/roots.ts';
import type { Logger } from '../logger.ts';
import type { IndexEntry, PostmortemStore } from '../storage/store.ts';
import { REMOTE_ORIGIN, type ClusterLink, type RoomCluster } from '../cluster/types.ts';
import { awarenessMessage, syncStep1Message, syncUpdateMessage } from './encoding.ts';
import type { Peer } from './peer.ts';
import { SerialQueue } from './serial-queue.ts';

export interface RoomDeps {
  store: PostmortemStore;
  logger: Logger;
  compactAfterUpdates: number;
  /** Called after accepted changes were stored and sent (the checks runner listens). */
  onChange?: (room: Room) => void;
  /** Called with each display name a peer publishes in its presence. */
  onPresenceName?: (room: Room, name: string) => void;
  /** Called once when an update could not be stored: the room must be dropped without saving. */
  onStoreFailure?: (room: Room) => void;
  /** Other server processes sharing the documents (REDIS_URL); absent for a single process. */
  cluster?: RoomCluster;
}

/** A change the server could not store: the caller answers "unavailable" and may retry. */
export class StoreUnavailableError extends Error {
  constructor(docId: string) {
    super(`document ${docId} could not be stored right now`);
    this.name = 'StoreUnavailableError';
  }
}

type IndexFields = Pick<IndexEntry, 'title' | 'severity' | 'status'>;

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  private readonly queue = new SerialQueue();
  /** Updates emitted by the document during the current change, waiting to be logged and sent. */
  private emitted: Uint8Array[] = [];
  private updatesSinceCompaction = 0;
  /** Set when an update could not be stored: memory is ahead of the store, nothing more is sent or saved. */
  private broken = false;
  private indexed: IndexFields | null = null;
  /** Which connected peer owns each awareness client id. A reconnecting client takes its id back. */
  private readonly clientIdOwners = new Map<number, Peer>();
  private link: ClusterLink | null = null;

  private constructor(
    readonly id: string,
    private readonly deps: RoomDeps,
    public revision: number,
  ) {
    // The server is not a participant: it publishes no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  private readonly onDocUpdate = (update: Uint8Array): void => {
    this.emitted.push(update);
  };

  /** Loads a document from the store: its snapshot and every logged update, merged and applied once. */
  static async load(id: string, deps: RoomDeps): Promise<Room> {
    const stored = await deps.store.loadDocument(id);
    const room = new Room(id, deps, stored.revision);
    // One transaction, applied update by update: Y.mergeUpdates grows much faster than linearly
    // (20,000 logged updates: 4.5 s merged, under 0.1 s applied in one transaction).
    // Without an 'update' listener Yjs does not encode the load's transaction as one more (large) update.
    room.doc.off('update', room.onDocUpdate);
    room.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot, 'load');
      for (const update of stored.updates) Y.applyUpdate(room.doc, update, 'load');
    }, 'load');
    room.doc.on('update', room.onDocUpdate);
    room.emitted = [];
    room.updatesSinceCompaction = stored.updates.length;
    room.indexed = room.indexFields();
    room.link = deps.cluster?.join(room) ?? null;
    return room;
  }

  /** Runs `task` in the document's order; a failure is logged and does not stop later messages. */
  enqueue(task: () => void | Promise<void>): Promise<void> {
    return this.queue.run(task, (err) => this.deps.logger.error('collab task failed', { doc: this.id, error: err as Error })) as Promise<void>;
  }

  /** Like enqueue, for a caller that does not wait: runs at once when the document's queue is idle. */
  submit(task: () => void | Promise<void>): void {
    this.queue.push(task, (err) => this.deps.logger.error('collab task failed', { doc: this.id, error: err as Error }));
  }

  /** Adds a peer and starts the sync: our state vector, then everyone's presence. */
  addPeer(peer: Peer): void {
    if (this.broken) {
      peer.close(CloseCode.unavailable, 'could not be stored right now');
      return;
    }
    this.peers.add(peer);
    void this.enqueue(() => {
      if (peer.closed) return;
      peer.send(syncStep1Message(this.doc));
      const others = [...this.awareness.getStates().keys()];
      if (others.length > 0) peer.send(awarenessMessage(this.awareness, others));
    });
  }

  /** Removes a peer and its presence. */
  removePeer(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessClientId !== undefined) {
      if (this.clientIdOwners.get(peer.awarenessClientId) === peer) this.clientIdOwners.delete(peer.awarenessClientId);
      awarenessProtocol.removeAwarenessStates(this.awareness, [peer.awarenessClientId], null);
    }
  }

  /** True when another connected peer publishes presence for `clientId`. */
  clientIdUsedByOther(clientId: number, peer: Peer): boolean {
    const owner = this.clientIdOwners.get(clientId);
    return owner !== undefined && owner !== peer;
  }

  /** Binds a peer to the awareness client id it publishes for. */
  bindClientId(peer: Peer, clientId: number): void {
    peer.awarenessClientId = clientId;
    this.clientIdOwners.set(clientId, peer);
  }

  /**
   * Applies an accepted client update, logs what it changed, and sends it to the other peers.
   * With a store that appends synchronously, all of it is done before this returns.
   */
  applyClientUpdate(update: Uint8Array, from: Peer): void | Promise<void> {
    if (this.broken) return;
    let applyError: unknown = null;
    try {
      Y.applyUpdate(this.doc, update, from);
    } catch (err) {
      applyError = err;
    }
    // What a failed apply did integrate is logged and sent like any change: memory and the store stay alike.
    const committed = this.commit(from);
    if (committed instanceof Promise) {
      return committed.then(() => {
        if (applyError) throw applyError;
      });
    }
    if (applyError) throw applyError;
  }

  /** Applies a change made by the server itself (not attributable to any client); rejects when it could not be stored. */
  async change(fn: (doc: Y.Doc) => void): Promise<void> {
    let stored = false;
    await this.enqueue(async () => {
      if (this.broken) return;
      try {
        this.doc.transact(() => fn(this.doc), 'server');
      } finally {
        stored = await this.commit(null);
      }
    });
    if (!stored) throw new StoreUnavailableError(this.id);
  }

  /**
   * Stores, then sends, each update the last change emitted. False when one could not be stored.
   * Synchronous when the store can append synchronously; otherwise each append is awaited.
   */
  private commit(from: Peer | null): boolean | Promise<boolean> {
    const updates = this.emitted;
    this.emitted = [];
    if (updates.length === 0) return true;
    const store = this.deps.store;
    if (!store.appendUpdateNow) return this.commitAsync(updates, from);
    for (const update of updates) {
      let revision: number;
      try {
        revision = store.appendUpdateNow(this.id, update);
      } catch (err) {
        this.storeFailed(err);
        return false;
      }
      this.stored(update, revision, from);
    }
    this.committed();
    return true;
  }

  private async commitAsync(updates: Uint8Array[], from: Peer | null): Promise<boolean> {
    for (const update of updates) {
      let revision: number;
      try {
        revision = await this.deps.store.appendUpdate(this.id, update);
      } catch (err) {
        this.storeFailed(err);
        return false;
      }
      this.stored(update, revision, from);
    }
    this.committed();
    return true;
  }

  /** One update is in the store: note its revision and send it to every other peer. */
  private stored(update: Uint8Array, revision: number, from: Peer | null): void {
    // With other processes appending too, memory may lack revisions below this one.
    this.revision = this.link ? this.link.stored(update, revision) : revision;
    this.updatesSinceCompaction += 1;
    const message = syncUpdateMessage(update);
    for (const peer of this.peers) if (peer !== from && !peer.closed) peer.send(message);
  }

  /** After a change's updates are stored and sent: the index, the checks, and compaction when due. */
  private committed(): void {
    this.refreshIndex();
    this.deps.onChange?.(this);
    if (this.updatesSinceCompaction >= this.deps.compactAfterUpdates) void this.enqueue(async () => {
      await this.compact();
    });
  }

  /**
   * An update is applied in memory but not stored. It is not sent to anyone; every peer is told
   * 4503 (their clients reconnect and resend what they hold) and the room is dropped unsaved.
   */
  private storeFailed(err: unknown): void {
    this.broken = true;
    this.deps.logger.error('could not store an update; it was not sent to anyone, peers told to retry (4503)', {
      doc: this.id,
      error: err as Error,
    });
    for (const peer of this.peers) peer.close(CloseCode.unavailable, 'could not be stored right now');
    this.deps.onStoreFailure?.(this);
  }

  /** True once an update could not be stored: the room is being dropped. */
  get isBroken(): boolean {
    return this.broken;
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    if (this.deps.onPresenceName) {
      for (const id of [...added, ...updated]) {
        const name = (this.awareness.getStates().get(id) as { user?: { name?: unknown } } | undefined)?.user?.name;
        if (typeof name === 'string') this.deps.onPresenceName(this, name);
      }
    }
    const message = awarenessMessage(this.awareness, changed);
    for (const peer of this.peers) if (peer !== origin && !peer.closed) peer.send(message);
    // Each process times out stale presence itself ('timeout'); what came from another is not sent back.
    if (this.link && origin !== REMOTE_ORIGIN && origin !== 'timeout') {
      this.link.presence(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
  };

  /** Applies an update another process stored (cluster) and sends what it changed to our peers; it is not stored again. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.broken) return;
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    const updates = this.emitted;
    this.emitted = [];
    for (const changed of updates) {
      const message = syncUpdateMessage(changed);
      for (const peer of this.peers) if (!peer.closed) peer.send(message);
    }
  }

  /** Applies another process's presence change (cluster); onAwarenessUpdate sends it to our peers. */
  applyRemotePresence(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
  }

  /** Our own peers' presence, for a process that has just loaded the document (cluster). */
  localPresence(): Uint8Array | null {
    const states = this.awareness.getStates();
    const ids = [...this.clientIdOwners.keys()].filter((id) => states.has(id));
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  private indexFields(): IndexFields {
    const meta = this.doc.getMap(ROOTS.meta);
    const moderation = this.doc.getMap(ROOTS.moderation);
    return {
      title: String(meta.get('title') ?? ''),
      severity: (meta.get('severity') ?? 'SEV3') as IndexFields['severity'],
      status: (moderation.get('status') ?? 'draft') as IndexFields['status'],
    };
  }

  /** Mirrors title, severity and status into the index when one of them changed. */
  private refreshIndex(): void {
    const now = this.indexFields();
    const before = this.indexed;
    if (before && before.title === now.title && before.severity === now.severity && before.status === now.status) return;
    this.indexed = now;
    void this.deps.store
      .updateIndexEntry(this.id, { ...now, updatedAt: new Date().toISOString() })
      .catch((err: unknown) => this.deps.logger.error('index update failed', { doc: this.id, error: err as Error }));
  }

  /** Writes the whole state as the snapshot and empties the log. Returns false when it failed. */
  async compact(): Promise<boolean> {
    // A broken room's memory holds an unstored update: the store is not written from it.
    if (this.broken) return false;
    if (this.updatesSinceCompaction === 0) return true;
    try {
      await this.deps.store.compact(this.id, Y.encodeStateAsUpdate(this.doc), this.revision);
      this.updatesSinceCompaction = 0;
      return true;
    } catch (err) {
      this.deps.logger.error('compaction failed; the log and memory still hold every update', { doc: this.id, error: err as Error });
      return false;
    }
  }

  /** Waits for queued work, then compacts (the log holds every stored update even if that fails). */
  async flush(): Promise<void> {
    await this.queue.drain();
    await this.enqueue(async () => {
      await this.compact();
    });
  }

  /** Closes every peer (e.g. on shutdown) and frees the document's timers. */
  destroy(code: number, reason: string): void {
    this.link?.leave();
    for (const peer of this.peers) peer.close(code, reason);
    this.peers.clear();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
