/**
 * The embedded store's index: every postmortem's entry, in memory, kept on disk as
 *   index.json   a snapshot {version, seq, postmortems}, replaced atomically
 *   index.log    entries changed since, one JSON line each {"s":seq,"e":entry}
 * A save appends only the entries that changed (coalesced over a short delay), so its cost does
 * not grow with the number of postmortems. The snapshot is rewritten when the log has grown to
 * half its size (and on close), a few hundred entries per event-loop turn, so even a large index
 * never stalls the collaboration socket. Lines with seq ≤ the snapshot's seq are already in it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../logger.ts';
import type { IndexEntry } from '../store.ts';

interface SnapshotShape {
  version: 1;
  /** The last log line this snapshot includes. */
  seq?: number;
  postmortems: Record<string, IndexEntry>;
}

export interface IndexFileOptions {
  dataDir: string;
  logger: Logger;
  /** Delay before changed entries are appended; changes in between are written once. */
  writeDelayMs: number;
  /** The log is folded into the snapshot once it is larger than this and than half the snapshot. */
  compactAfterBytes?: number;
  /** Entries serialised per event-loop turn while the snapshot is rewritten. */
  entriesPerTurn?: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class IndexFile {
  readonly entries: Record<string, IndexEntry> = {};
  private readonly snapshotPath: string;
  private readonly logPath: string;
  private readonly dirty = new Set<string>();
  private seq = 0;
  private logBytes = 0;
  private snapshotBytes = 0;
  private log: fs.promises.FileHandle | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Appends and rewrites, one at a time, in order. */
  private chain: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(private readonly options: IndexFileOptions) {
    this.snapshotPath = path.join(options.dataDir, 'index.json');
    this.logPath = path.join(options.dataDir, 'index.log');
  }

  /** True while the last write failed (it is retried). */
  get writeFailing(): boolean {
    return this.failed;
  }

  /**
   * Reads the snapshot and replays the log. A snapshot that cannot be read is copied aside and
   * the index starts from the log alone (the store then adds back what is missing); a torn last
   * log line is skipped.
   */
  load(): void {
    let snapshotSeq = 0;
    try {
      const text = fs.readFileSync(this.snapshotPath, 'utf8');
      const data = JSON.parse(text) as SnapshotShape;
      if (!data || typeof data.postmortems !== 'object') throw new Error('no postmortems in index.json');
      Object.assign(this.entries, data.postmortems);
      snapshotSeq = data.seq ?? 0;
      this.snapshotBytes = Buffer.byteLength(text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        const aside = `${this.snapshotPath}.corrupt-${Date.now()}`;
        fs.copyFileSync(this.snapshotPath, aside);
        this.options.logger.error('index unreadable, rebuilding from documents', { error: err as Error, keptAt: path.basename(aside) });
      }
    }
    this.seq = snapshotSeq;
    let text = '';
    try {
      text = fs.readFileSync(this.logPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.logBytes = Buffer.byteLength(text);
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const { s, e } = JSON.parse(line) as { s: number; e: IndexEntry };
        if (s > snapshotSeq && e && typeof e.id === 'string') this.entries[e.id] = e;
        this.seq = Math.max(this.seq, s);
      } catch {
        skipped += 1;
      }
    }
    if (skipped > 0) this.options.logger.warn('index log had unreadable lines; they were skipped', { count: skipped });
  }

  /** Stores an entry in memory and schedules its append. */
  put(entry: IndexEntry): void {
    this.entries[entry.id] = entry;
    this.dirty.add(entry.id);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.writeDelayMs);
  }

  /** Appends every changed entry now, then rewrites the snapshot if the log has grown enough (or there is none yet). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return this.enqueue(async () => {
      // No index.json yet (a new data folder): write it whole, it is small.
      if (this.snapshotBytes === 0) return this.rewrite();
      await this.appendDirty();
      const threshold = Math.max(this.options.compactAfterBytes ?? 1024 * 1024, this.snapshotBytes / 2);
      if (this.logBytes > threshold) await this.rewrite();
    });
  }

  /** Appends what changed and rewrites the snapshot, leaving an empty log. */
  compact(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return this.enqueue(() => this.rewrite());
  }

  /** Writes everything and closes the log. */
  async close(): Promise<void> {
    await this.compact();
    await this.enqueue(async () => {
      await this.log?.close();
      this.log = null;
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).then(
      () => {
        this.failed = false;
      },
      (err: unknown) => {
        this.failed = true;
        this.options.logger.error('index write failed; it is kept in memory and retried', { error: err as Error });
        this.schedule();
      },
    );
    return this.chain;
  }

  private async appendDirty(): Promise<void> {
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    let lines = '';
    for (const id of ids) {
      const entry = this.entries[id];
      if (entry) lines += `${JSON.stringify({ s: ++this.seq, e: entry })}\n`;
    }
    try {
      this.log ??= await fs.promises.open(this.logPath, 'a', 0o600);
      await this.log.write(lines);
      this.logBytes += Buffer.byteLength(lines);
    } catch (err) {
      for (const id of ids) this.dirty.add(id);
      throw err;
    }
  }

  /**
   * Writes the whole index to a temporary file a slice at a time, syncs it, renames it over the
   * snapshot, then empties the log. Entries changed meanwhile are dirty and go to the new log.
   */
  private async rewrite(): Promise<void> {
    const seq = this.seq;
    const included = [...this.dirty];
    this.dirty.clear();
    const tmp = `${this.snapshotPath}.tmp`;
    let bytes = 0;
    try {
      bytes = await this.writeSnapshot(tmp, seq);
      await fs.promises.rename(tmp, this.snapshotPath);
    } catch (err) {
      for (const id of included) this.dirty.add(id);
      throw err;
    }
    this.snapshotBytes = bytes;
    if (this.logBytes > 0) {
      this.log ??= await fs.promises.open(this.logPath, 'a', 0o600);
      await this.log.truncate(0);
      this.logBytes = 0;
    }
  }

  private async writeSnapshot(tmp: string, seq: number): Promise<number> {
    const file = await fs.promises.open(tmp, 'w', 0o600);
    let bytes = 0;
    try {
      const ids = Object.keys(this.entries);
      const perTurn = this.options.entriesPerTurn ?? 500;
      const write = async (text: string) => {
        bytes += Buffer.byteLength(text);
        await file.write(text);
      };
      await write(`{"version":1,"seq":${seq},"postmortems":{`);
      for (let i = 0; i < ids.length; i += perTurn) {
        const slice = ids.slice(i, i + perTurn).map((id) => `${JSON.stringify(id)}:${JSON.stringify(this.entries[id])}`);
        await write((i > 0 ? ',' : '') + slice.join(','));
        if (i + perTurn < ids.length) await nextTurn();
      }
      await write('}}');
      await file.datasync();
    } finally {
      await file.close();
    }
    return bytes;
  }
}
