/**
 * Redis for tests. REDIS_URL (.ci/run sets it) is the machine's Redis, shared with other tests:
 * each test uses a channel prefix of its own. A test that stops Redis starts its own
 * redis-server on a free port instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export const REDIS_URL: string | undefined = process.env.REDIS_URL || undefined;

export const REDIS_SKIP_REASON = 'REDIS_URL or DATABASE_URL is unset: cluster tests skipped (.ci/run sets both)';

/** True when a redis-server binary can be started here. */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

/** A channel prefix no other test uses. */
export function uniquePrefix(): string {
  return `second-story-test-${process.pid}-${randomBytes(4).toString('hex')}:`;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface OwnRedis {
  url: string;
  /** Stops it at once, like a crash (nothing is saved: it was started without persistence). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** Starts a redis-server of the test's own (the same binary as the machine's), without persistence. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let out = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
    },
    start,
  };
}
