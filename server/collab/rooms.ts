/**
 * Loads each document once, however many peers open it at the same moment, and unloads it
 * (after a flush) once its last peer has left and a short grace period has passed. A room that
 * could not store an update is dropped at once, unsaved; the next acquire loads it from the store.
 */
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import type { Logger } from '../logger.ts';
import { Room, type RoomDeps } from './room.ts';

interface Entry {
  room: Promise<Room>;
  /** The room once loaded: a release for an older, dropped room of the same id is ignored. */
  current: Room | null;
  /** Peers holding the room, plus acquirers still setting up. */
  refs: number;
  unloadTimer: NodeJS.Timeout | null;
  unloading: Promise<void> | null;
}

export interface RoomManagerOptions extends RoomDeps {
  logger: Logger;
  unloadDelayMs: number;
  /** Last work on a document before it leaves memory (e.g. a pending checks run). */
  beforeUnload?: (room: Room) => Promise<void>;
  afterUnload?: (id: string) => void;
}

export class RoomManager {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: RoomManagerOptions) {}

  /** The loaded room for `id`, loading it if needed. Pair every acquire with a release. */
  async acquire(id: string): Promise<Room> {
    for (;;) {
      const existing = this.entries.get(id);
      if (existing?.unloading) {
        await existing.unloading;
        continue;
      }
      if (existing) {
        existing.refs += 1;
        if (existing.unloadTimer) clearTimeout(existing.unloadTimer);
        existing.unloadTimer = null;
        try {
          return await existing.room;
        } catch (err) {
          existing.refs -= 1;
          throw err;
        }
      }
      const entry: Entry = { room: Room.load(id, this.roomDeps(id)), current: null, refs: 1, unloadTimer: null, unloading: null };
      this.entries.set(id, entry);
      try {
        entry.current = await entry.room;
        return entry.current;
      } catch (err) {
        if (this.entries.get(id) === entry) this.entries.delete(id);
        throw err;
      }
    }
  }

  private roomDeps(id: string): RoomManagerOptions {
    return { ...this.options, onStoreFailure: (room) => this.drop(id, room) };
  }

  /** Forgets a room that could not store an update, without saving it (its memory is ahead of the store). */
  private drop(id: string, room: Room): void {
    const entry = this.entries.get(id);
    if (!entry || entry.current !== room) return;
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    // An unload under way finishes the job itself (its flush writes nothing from a broken room).
    if (entry.unloading) return;
    this.entries.delete(id);
    room.destroy(CloseCode.unavailable, 'could not be stored right now');
    // Synchronous up to its first await: the store lets go before any new load of this id.
    void this.options.store.release(id);
    this.options.afterUnload?.(id);
    this.options.logger.warn('document dropped from memory after a failed write; it reloads from the store', { doc: id });
  }

  /** Gives a room back; the last release schedules its unload. Pass the room to ignore releases of a dropped one. */
  release(id: string, room?: Room): void {
    const entry = this.entries.get(id);
    if (!entry || (room && entry.current !== room)) return;
    entry.refs -= 1;
    if (entry.refs > 0 || entry.unloading) return;
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = null;
      void this.unload(id, entry);
    }, this.options.unloadDelayMs);
  }

  /** The room if it is loaded now (for reads that must not load a document). */
  async peek(id: string): Promise<Room | null> {
    const entry = this.entries.get(id);
    if (!entry || entry.unloading) return null;
    return entry.room.catch(() => null);
  }

  private async unload(id: string, entry: Entry): Promise<void> {
    if (entry.refs > 0 || this.entries.get(id) !== entry) return;
    let release!: () => void;
    entry.unloading = new Promise((resolve) => (release = resolve));
    try {
      const room = await entry.room;
      await this.options.beforeUnload?.(room);
      await room.flush();
      room.destroy(room.isBroken ? CloseCode.unavailable : CloseCode.goingAway, 'document unloaded');
      await this.options.store.release(id);
      this.entries.delete(id);
      this.options.afterUnload?.(id);
      this.options.logger.debug('document unloaded', { doc: id });
    } catch (err) {
      this.options.logger.error('unload failed', { doc: id, error: err as Error });
      this.entries.delete(id);
    } finally {
      release();
    }
  }

  /** Number of loaded documents. */
  get size(): number {
    return this.entries.size;
  }

  /** Flushes and unloads every document, closing their peers with `code` (shutdown). */
  async closeAll(code: number, reason: string): Promise<void> {
    const all = [...this.entries.entries()];
    await Promise.all(
      all.map(async ([id, entry]) => {
        if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
        if (entry.unloading) return entry.unloading;
        try {
          const room = await entry.room;
          for (const peer of room.peers) peer.close(code, reason);
          entry.refs = 0;
          await this.unload(id, entry);
        } catch {
          this.entries.delete(id);
        }
      }),
    );
  }
}
