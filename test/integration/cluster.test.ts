/**
 * Three real server processes sharing one PostgreSQL database through Redis: clients on
 * different processes co-edit and see each other's presence; what one process refuses never
 * reaches another; compaction with several processes appending loses nothing; sync resumes
 * after Redis restarts; after a kill -9 its clients go on through another process, losing nothing.
 * One set of processes for the whole file (starting them is most of its time), killed last.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { MessageType } from '../../shared/protocol/messages.ts';
import { addTimelineEntry, fillFragment, readSnapshot, roots } from '../../shared/schema/index.ts';
import { createLogger } from '../../server/logger.ts';
import { PostgresStore } from '../../server/storage/postgres/postgres-store.ts';
import { connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { startCluster, type TestCluster } from '../helpers/cluster.ts';
import { ADMIN_DATABASE_URL, queryRows } from '../helpers/postgres.ts';
import { HAS_REDIS_SERVER, REDIS_SKIP_REASON, REDIS_URL, startOwnRedis, type OwnRedis } from '../helpers/redis.ts';
import { startBalancer, type Balancer } from '../helpers/tcp-balancer.ts';
import { createPostmortemOverHttp } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

const enabled = Boolean(ADMIN_DATABASE_URL && REDIS_URL);
if (!enabled) console.warn(REDIS_SKIP_REASON);

let cluster: TestCluster;
/** A redis-server of this file's own, which a test restarts (the machine's one is shared). */
let ownRedis: OwnRedis | undefined;
let balancer: Balancer;
const clients: TestClient[] = [];

beforeAll(async () => {
  if (!enabled) return;
  if (HAS_REDIS_SERVER) ownRedis = await startOwnRedis();
  // A small compaction threshold: every process compacts while the others append.
  cluster = await startCluster(3, { COMPACT_AFTER_UPDATES: '7', UNLOAD_DELAY_MS: '0', ...(ownRedis ? { REDIS_URL: ownRedis.url } : {}) });
  balancer = await startBalancer(() => cluster.servers.map((s) => s.url));
}, 90_000);
afterAll(async () => {
  await balancer?.close();
  await cluster?.stop();
  await ownRedis?.kill();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

async function join(process: number, pm: CreatePostmortemResponse, role: 'facilitator' | 'participant' | 'viewer', name: string = role) {
  const client = await connectClient(cluster.servers[process]!.wsUrl, pm.id, pm.tokens[role], { name });
  clients.push(client);
  return client;
}

function timelineBodies(doc: Y.Doc): string[] {
  return readSnapshot(doc)
    .timeline.map((e) => e.body)
    .sort();
}

/** The document as stored in PostgreSQL: what any process loads next. */
async function stored(id: string): Promise<Y.Doc> {
  const store = await PostgresStore.open({ url: cluster.database.url, logger: createLogger('silent') });
  try {
    const loaded = await store.loadDocument(id);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    return doc;
  } finally {
    await store.close();
  }
}

/** An update crafted on a copy of a client's state, as a modified client would. */
function craft(client: TestClient, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

describe.skipIf(!enabled)('three processes sharing documents', () => {
  it('converge while clients on every process co-edit, show everyone\'s presence, and store every edit', async () => {
    const pm = await createPostmortemOverHttp(cluster.servers[0]!.url);
    const editors = await Promise.all([0, 0, 1, 1, 2, 2].map((p, i) => join(p, pm, 'participant', `writer ${i}`)));

    const expected: string[] = [];
    await Promise.all(
      editors.map(async (client, c) => {
        for (let k = 0; k < 12; k += 1) {
          addTimelineEntry(client.doc, { body: `c${c}-e${k}` });
          expected.push(`c${c}-e${k}`);
          await new Promise((r) => setTimeout(r, 5 + ((c * 7 + k * 3) % 11)));
        }
      }),
    );
    expected.sort();
    for (const [c, client] of editors.entries()) {
      await waitFor(() => JSON.stringify(timelineBodies(client.doc)) === JSON.stringify(expected), { message: `client ${c} converged` });
    }
    // Presence crosses processes: every client sees the five others by name.
    for (const client of editors) {
      await waitFor(() => {
        const names = [...client.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);
        return editors.every((_, i) => names.includes(`writer ${i}`));
      }, { message: 'presence of all six' });
    }

    // PostgreSQL holds every edit though each process compacted at its own pace while the others appended.
    const doc = await stored(pm.id);
    expect(timelineBodies(doc)).toEqual(expected);
    const [row] = await queryRows<{ snapshot_revision: string; revision: string }>(
      cluster.database.url,
      'SELECT snapshot_revision, revision FROM documents WHERE id = $1',
      [pm.id],
    );
    expect(Number(row!.snapshot_revision)).toBeGreaterThan(0);
    expect(Number(row!.revision)).toBeGreaterThanOrEqual(expected.length);
  });

  it('a client joining a process late gets the whole document and the presence of clients elsewhere', async () => {
    const pm = await createPostmortemOverHttp(cluster.servers[0]!.url);
    const first = await join(0, pm, 'facilitator', 'early bird');
    fillFragment(first.doc.getXmlFragment('summary'), 'written before anyone else came');
    const late = await join(2, pm, 'viewer', 'late comer');
    await waitFor(() => readSnapshot(late.doc).text.summary.includes('written before anyone else came'), { message: 'late client has the text' });
    await waitFor(
      () => [...late.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'early bird'),
      { message: 'presence from the other process' },
    );
  });

  it('refuses a viewer\'s and a locked section\'s writes where they arrive, and they reach no other process', async () => {
    const pm = await createPostmortemOverHttp(cluster.servers[0]!.url);
    const facilitator = await join(0, pm, 'facilitator');
    const onOne = await join(1, pm, 'participant');
    const onTwo = await join(2, pm, 'viewer');
    (roots(facilitator.doc).moderation.get('locks') as Y.Map<boolean>).set('impact', true);
    await waitFor(() => readSnapshot(onOne.doc).moderation.locks.impact === true, { message: 'lock reached process 1' });

    const viewerWrite = craft(onTwo, (doc) => roots(doc).meta.set('title', 'written by a viewer'));
    const lockedWrite = craft(onOne, (doc) => fillFragment(doc.getXmlFragment('impact'), 'written while locked'));

    const viewer = await openRawSocket(cluster.servers[0]!.wsUrl, pm.id, pm.tokens.viewer);
    viewer.send(frame(viewerWrite));
    expect((await viewer.closed).code).toBe(CloseCode.writeRefused);
    const participant = await openRawSocket(cluster.servers[1]!.wsUrl, pm.id, pm.tokens.participant);
    participant.send(frame(lockedWrite));
    expect((await participant.closed).code).toBe(CloseCode.writeRefused);

    // An allowed edit made after both: once it is everywhere, anything stored before it would be too.
    fillFragment(facilitator.doc.getXmlFragment('summary'), 'marker after the refused writes');
    for (const client of [onOne, onTwo]) {
      await waitFor(() => readSnapshot(client.doc).text.summary.includes('marker after the refused writes'), { message: 'marker' });
      expect(readSnapshot(client.doc).meta.title).toBe('Checkout outage');
      expect(readSnapshot(client.doc).text.impact).toBe('');
    }
    const doc = await stored(pm.id);
    expect(readSnapshot(doc).meta.title).toBe('Checkout outage');
    expect(readSnapshot(doc).text.impact).toBe('');
  });

  it.skipIf(!HAS_REDIS_SERVER)('resume sync after Redis restarts, with the edits made while it was away', async () => {
    const pm = await createPostmortemOverHttp(cluster.servers[0]!.url);
    const editors = await Promise.all([0, 1, 2].map((p) => join(p, pm, 'participant')));
    addTimelineEntry(editors[0]!.doc, { body: 'before' });
    for (const client of editors) await waitFor(() => timelineBodies(client.doc).includes('before'), { message: 'before' });

    await ownRedis!.kill();
    editors.forEach((client, i) => addTimelineEntry(client.doc, { body: `while away ${i}` }));
    await ownRedis!.start();
    for (const server of cluster.servers) {
      await waitFor(() => server.output.some((line) => line.includes('catching up loaded documents after the Redis connection came back')), {
        message: 'reconnected to Redis',
      });
    }
    editors.forEach((client, i) => addTimelineEntry(client.doc, { body: `after ${i}` }));
    const expected = ['after 0', 'after 1', 'after 2', 'before', 'while away 0', 'while away 1', 'while away 2'];
    for (const client of editors) {
      await waitFor(() => JSON.stringify(timelineBodies(client.doc)) === JSON.stringify(expected), { message: 'converged after restart' });
    }
  });

  // Last: it kills one of the processes.
  it('lose nothing when a process is killed mid-edit: its clients go on through another one', async () => {
    const pm = await createPostmortemOverHttp(balancer.url);
    // Through the balancer, in turn: two clients on each process.
    const editors: TestClient[] = [];
    for (let i = 0; i < 6; i += 1) {
      const client = await connectClient(balancer.wsUrl, pm.id, pm.tokens.participant, { name: `writer ${i}` });
      clients.push(client);
      editors.push(client);
    }
    const victim = cluster.servers[1]!;
    let killed: Promise<void> | undefined;
    const expected: string[] = [];
    await Promise.all(
      editors.map(async (client, c) => {
        for (let k = 0; k < 15; k += 1) {
          if (c === 0 && k === 5) killed = victim.kill9();
          addTimelineEntry(client.doc, { body: `c${c}-e${k}` });
          expected.push(`c${c}-e${k}`);
          await new Promise((r) => setTimeout(r, 10 + ((c * 5 + k * 3) % 13)));
        }
      }),
    );
    await killed;
    expected.sort();
    for (const [c, client] of editors.entries()) {
      await waitFor(() => JSON.stringify(timelineBodies(client.doc)) === JSON.stringify(expected), { message: `client ${c} converged`, timeoutMs: 20_000 });
    }
    // Some clients were on the killed process and came back through another one.
    expect(editors.filter((c) => c.closeCodes.length > 0).length).toBeGreaterThanOrEqual(1);
    expect(timelineBodies(await stored(pm.id))).toEqual(expected);
  });
});
