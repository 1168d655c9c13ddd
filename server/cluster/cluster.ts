/**
 * Several server processes sharing documents (REDIS_URL, with DATABASE_URL). Every process
 * appends accepted updates to PostgreSQL — the source of truth, which numbers them — and then
 * publishes them on the document's Redis channel; the others apply them to their copy and send
 * them to their own clients without storing them again. Presence is relayed the same way.
 *
 * Nothing depends on Redis delivering everything: a process that sees a gap in revisions, that
 * gets its Redis connection back, or whose periodic look at the database finds a newer revision,
 * reads what it is missing from the database. Permissions are checked by the process a client
 * is connected to, before the update is stored; what arrives from Redis was checked already.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { UpdatesSince } from '../storage/postgres/documents.ts';
import { decodeMessage } from './messages.ts';
import { RedisBus } from './redis-bus.ts';
import { RoomLink } from './room-link.ts';
import type { ClusterLink, ClusterRoom, RoomCluster } from './types.ts';

/** What the cluster reads from the database (the PostgreSQL store). */
export interface ClusterLog {
  updatesSince(docId: string, after: number): Promise<UpdatesSince>;
  getRevisions(docIds: readonly string[]): Promise<Map<string, number>>;
}

export interface ClusterOptions {
  redisUrl: string;
  /** Channel-name prefix: processes with the same prefix share documents. */
  prefix: string;
  log: ClusterLog;
  logger: Logger;
  /** How often the database is asked for the revisions of loaded documents (missed last messages). */
  sweepMs?: number;
  /** How long a gap in revisions may wait for Redis before the database is asked. */
  gapGraceMs?: number;
}

export class Cluster implements RoomCluster {
  /** Names this process in its messages, so it skips its own. */
  private readonly sender = randomBytes(8).toString('hex');
  private readonly links = new Map<string, RoomLink>();
  private bus!: RedisBus;
  private readonly sweeper: NodeJS.Timeout;
  private sweeping = false;

  private constructor(private readonly options: ClusterOptions) {
    this.sweeper = setInterval(() => void this.sweep(), options.sweepMs ?? 2_000);
    this.sweeper.unref();
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    cluster.bus = await RedisBus.connect(
      { url: options.redisUrl, prefix: options.prefix, logger: options.logger },
      { message: (docId, bytes) => cluster.onMessage(docId, bytes), resumed: () => cluster.resumed() },
    );
    return cluster;
  }

  join(room: ClusterRoom): ClusterLink {
    const link = new RoomLink(room, {
      sender: this.sender,
      logger: this.options.logger,
      publish: (docId, bytes) => this.bus.publish(docId, bytes),
      updatesSince: (docId, after) => this.options.log.updatesSince(docId, after),
      gapGraceMs: this.options.gapGraceMs ?? 150,
      left: (gone) => this.left(gone),
    });
    this.links.set(room.id, link);
    // Whatever was published between loading and subscribing is read from the database.
    this.bus.subscribe(room.id).then(
      () => {
        if (link.left) return;
        link.askPresence();
        void link.catchUp();
      },
      () => void link.catchUp(),
    );
    return link;
  }

  private left(link: RoomLink): void {
    if (this.links.get(link.room.id) !== link) return;
    this.links.delete(link.room.id);
    this.bus.unsubscribe(link.room.id);
  }

  private onMessage(docId: string, bytes: Uint8Array): void {
    const link = this.links.get(docId);
    if (!link) return;
    let message;
    try {
      message = decodeMessage(bytes);
    } catch (err) {
      this.options.logger.warn('unreadable cluster message ignored', { doc: docId, error: err as Error });
      return;
    }
    if (message.sender !== this.sender) link.receive(message);
  }

  /** Redis is back: messages sent meanwhile are lost, the database has them. */
  private resumed(): void {
    this.options.logger.info('catching up loaded documents after the Redis connection came back', { documents: this.links.size });
    for (const link of this.links.values()) void link.catchUp();
  }

  /** Finds documents whose last updates' messages never came (lost while Redis or a process went away). */
  private async sweep(): Promise<void> {
    if (this.sweeping || this.links.size === 0) return;
    this.sweeping = true;
    try {
      const revisions = await this.options.log.getRevisions([...this.links.keys()]);
      for (const [id, revision] of revisions) this.links.get(id)?.heardOf(revision);
    } catch (err) {
      this.options.logger.debug('revision sweep failed', { error: err as Error });
    } finally {
      this.sweeping = false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.bus.close();
  }
}
