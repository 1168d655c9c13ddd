/**
 * What a Room sees of the other server processes (REDIS_URL): it reports what it stored and what
 * its peers' presence did; the cluster applies what other processes stored to the room's document
 * with REMOTE_ORIGIN, which the room sends to its own peers and never stores or publishes again.
 */

/** Transaction and awareness origin of changes that came from another process. */
export const REMOTE_ORIGIN = 'remote-process';

export interface ClusterLink {
  /**
   * This process stored `update` as `revision`: tell the other processes. Returns the revision up
   * to which the room's memory holds every stored update (other processes' included), which is
   * what the room may compact up to.
   */
  stored(update: Uint8Array, revision: number): number;
  /** An awareness update made by this process's peers (never one with REMOTE_ORIGIN). */
  presence(update: Uint8Array): void;
  /** The room is leaving memory. */
  leave(): void;
}

/** The room's side of a link: what the cluster calls, always inside the room's queue. */
export interface ClusterRoom {
  readonly id: string;
  /** Revision up to which memory holds every stored update. */
  revision: number;
  enqueue(task: () => void | Promise<void>): Promise<void>;
  /** Applies an update another process stored and sends what it changed to this process's peers. */
  applyRemoteUpdate(update: Uint8Array): void;
  /** Applies another process's presence change and sends it to this process's peers. */
  applyRemotePresence(update: Uint8Array): void;
  /** The presence of this process's own peers, as an awareness update (null when none has any). */
  localPresence(): Uint8Array | null;
}

export interface RoomCluster {
  /** Called once a room has loaded, at `room.revision`. */
  join(room: ClusterRoom): ClusterLink;
}
