/**
 * The two servers the benchmarks compare, each in its own process: ours (server/index.ts, with a
 * fresh or given data folder) and the minimal reference relay (reference-relay.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startChildServer } from '../../test/helpers/child-server.ts';
import { createPostmortemOverHttp } from '../../test/helpers/server.ts';
import { benchTempDir, removeDir, stopChild, trackChild } from './cleanup.ts';
import type { LoadDocument } from './load-protocol.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HERE = import.meta.dirname;

export interface Target {
  name: string;
  pid: number;
  wsUrl: string;
  documents: LoadDocument[];
  problems(): string[];
  /** Resolves once the one-off work typing set off is done (our checks worker started and reported). */
  warmedUp(): Promise<void>;
  stop(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Our server on a new data folder holding `documents` new postmortems, or on `existing` (a folder
 * the caller owns, with the postmortems already in it).
 */
export async function startOurs(
  env: Record<string, string>,
  documents: number,
  existing?: { dataDir: string; documents: LoadDocument[] },
  nodeArgs: string[] = [],
): Promise<Target> {
  const dataDir = existing?.dataDir ?? benchTempDir('latency');
  // startChildServer waits for the "listening" line, which is logged at info level:
  // with LOG_LEVEL=warn it never resolves. Nothing else is logged at info while running.
  // The server as it runs by default (the test helper turns the checks warm-up off).
  const server = await withTimeout(startChildServer(dataDir, { CHECKS_WARMUP_RUNS: '', ...env, LOG_LEVEL: 'info' }, nodeArgs), 60_000, 'server start');
  trackChild(server.process);
  const docs: LoadDocument[] = existing ? [...existing.documents] : [];
  for (let i = docs.length; i < documents; i += 1) {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Benchmark', severity: 'SEV2' });
    docs.push({ room: pm.id, token: pm.tokens.participant });
  }
  return {
    name: 'ours',
    pid: server.process.pid!,
    wsUrl: server.wsUrl,
    documents: docs,
    problems: () => server.output.filter((line) => /"level":"(warn|error)"/.test(line)),
    async warmedUp() {
      // The first checks run starts the worker thread and loads its lexicon: seconds of CPU, once.
      for (const { room, token } of docs) {
        await withTimeout(
          (async () => {
            for (;;) {
              const res = await fetch(`${server.url}/api/postmortems/${room}/checks`, { headers: { authorization: `Bearer ${token}` } });
              if (res.ok && ((await res.json()) as { revision: number }).revision > 0) return;
              await new Promise((r) => setTimeout(r, 200));
            }
          })(),
          60_000,
          'the first checks report after the warm-up',
        );
      }
    },
    async stop() {
      await server.stop();
      if (!existing) removeDir(dataDir);
    },
  };
}

/** The reference relay with `documents` rooms; `env` may hold REFERENCE_UPDATES_FILE. */
export async function startReference(documents: number, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Target> {
  const child = trackChild(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(HERE, 'reference-relay.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        const match = /listening (http:\/\/\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`reference relay exited (${code}): ${output.join('')}`)));
    }),
    60_000,
    'reference relay start',
  );
  return {
    name: 'reference',
    pid: child.pid!,
    wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
    documents: Array.from({ length: documents }, (_, i) => ({ room: `benchmark-room-${i}`, token: 'ignored-by-the-reference' })),
    problems: () => output.filter((line) => !line.startsWith('listening')),
    warmedUp: async () => {},
    stop: () => stopChild(child),
  };
}

