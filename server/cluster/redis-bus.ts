/**
 * The Redis side of the cluster: one connection publishes, one subscribes, a channel per loaded
 * document. Pub/sub delivers only to whoever listens at that moment, and nothing while Redis is
 * away: that is fine because the database holds every update and cluster.ts catches up from it
 * (after a gap, after a reconnect, and on a periodic look). Messages are dropped, never queued,
 * while the connection is down.
 */
import { createClient } from '@redis/client';
import type { Logger } from '../logger.ts';

export interface RedisBusOptions {
  url: string;
  /** Put before every channel name: processes share documents only with the same prefix. */
  prefix: string;
  logger: Logger;
  /** How long start-up waits for Redis before going on without it (it keeps trying). */
  connectTimeoutMs?: number;
}

export interface BusHandlers {
  message(docId: string, bytes: Uint8Array): void;
  /** The subscriptions are back after the connection was lost: messages may have been missed. */
  resumed(): void;
}

/** Retries forever, at most every 2 s: Redis coming back is expected (a restart, a failover). */
const reconnectStrategy = (retries: number): number => Math.min(50 * 2 ** retries, 2_000);

/** Publishing never waits for a connection (dropped instead); the subscriber queues its (un)subscribes until it has one. */
function newClient(url: string, queueWhileOffline: boolean) {
  return createClient({ url, socket: { reconnectStrategy }, disableOfflineQueue: !queueWhileOffline });
}

type Client = ReturnType<typeof newClient>;

export class RedisBus {
  private readonly channelPrefix: string;
  private lostConnection = false;
  private warned = false;

  private constructor(
    private readonly pub: Client,
    private readonly sub: Client,
    private readonly options: RedisBusOptions,
    private readonly handlers: BusHandlers,
  ) {
    this.channelPrefix = `${options.prefix}doc:`;
  }

  static async connect(options: RedisBusOptions, handlers: BusHandlers): Promise<RedisBus> {
    const pub = newClient(options.url, false);
    const sub = newClient(options.url, true);
    const bus = new RedisBus(pub, sub, options, handlers);
    bus.watch(pub, 'publisher');
    bus.watch(sub, 'subscriber');
    sub.on('ready', () => bus.onSubscriberReady());
    const connected = Promise.all([pub.connect(), sub.connect()]);
    const waited = await Promise.race([
      connected.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), options.connectTimeoutMs ?? 5_000).unref()),
    ]);
    if (!waited) {
      options.logger.error('Redis cannot be reached; starting anyway: other processes see this one\'s edits from the database until it is back');
      connected.catch(() => undefined);
    }
    return bus;
  }

  private watch(client: Client, role: string): void {
    client.on('error', (err: Error) => {
      // Every reconnect attempt errors: say it once per outage.
      if (!this.warned) this.options.logger.error('Redis connection lost; retrying', { role, error: err });
      this.warned = true;
      this.lostConnection = true;
    });
    client.on('ready', () => {
      if (this.warned) this.options.logger.info('Redis connection back', { role });
      this.warned = false;
    });
  }

  private onSubscriberReady(): void {
    if (!this.lostConnection) return;
    this.lostConnection = false;
    this.handlers.resumed();
  }

  /** Sends to every process with this document loaded; dropped when Redis is away. */
  publish(docId: string, bytes: Uint8Array): void {
    if (!this.pub.isReady) return;
    this.pub.publish(this.channelPrefix + docId, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => {
      // The connection broke mid-send: the others catch up from the database.
    });
  }

  /** Resolves once messages of the document reach this process (or rejects if Redis is away). */
  subscribe(docId: string): Promise<void> {
    return this.sub.subscribe(this.channelPrefix + docId, this.onMessage, true);
  }

  unsubscribe(docId: string): void {
    this.sub.unsubscribe(this.channelPrefix + docId, this.onMessage, true).catch(() => undefined);
  }

  private onMessage = (message: Buffer, channel: Buffer | string): void => {
    const name = channel.toString();
    if (!name.startsWith(this.channelPrefix)) return;
    this.handlers.message(name.slice(this.channelPrefix.length), new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
  };

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.close(), this.pub.close()]);
  }
}
