import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addTimelineEntry, fillFragment, readSnapshot } from '../../shared/schema/index.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { connectClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, tempDir } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function track<T extends { destroy(): void }>(client: T): T {
  cleanups.push(() => client.destroy());
  return client;
}

// Tests marked skipIf(onPostgres) look at the embedded store's files; postgres-server.test.ts covers kill -9 with PostgreSQL.
const onPostgres = process.env.STORE === 'postgres';

describe('durability', () => {
  it.skipIf(onPostgres)('keeps an edit that a second client saw, across kill -9 and restart', async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    let child: ChildServer = await startChildServer(dataDir);
    cleanups.push(() => child.stop());
    const pm = await createPostmortemOverHttp(child.url);
    const writer = track(await connectClient(child.wsUrl, pm.id, pm.tokens.participant));
    const reader = track(await connectClient(child.wsUrl, pm.id, pm.tokens.viewer));

    for (let i = 1; i <= 5; i += 1) {
      addTimelineEntry(writer.doc, { at: `2026-11-02T14:0${i}:00.000Z`, body: `step ${i}` });
      fillFragment(writer.doc.getXmlFragment('summary'), `line ${i}`);
    }
    await waitFor(() => readSnapshot(reader.doc).timeline.length === 5 && readSnapshot(reader.doc).text.summary.includes('line 5'), {
      message: 'second client saw the edits',
    });
    const seen = readSnapshot(reader.doc);
    // Nothing is resent from the clients: they are gone before the restart.
    writer.destroy();
    reader.destroy();
    await child.kill9();

    child = await startChildServer(dataDir);
    const after = track(await connectClient(child.wsUrl, pm.id, pm.tokens.viewer));
    expect(readSnapshot(after.doc)).toEqual(seen);
  });

  it.skipIf(onPostgres)('compacts the log into the snapshot when the last client leaves, and loads it back', async () => {
    const server = await startTestServer({ unloadDelayMs: 0 });
    cleanups.push(() => server.stop());
    const pm = await createPostmortemOverHttp(server.url);
    const client = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
    for (let i = 0; i < 20; i += 1) fillFragment(client.doc.getXmlFragment('impact'), `${i * 100} requests failed`);
    const expected = readSnapshot(client.doc);
    const wal = path.join(server.dataDir, 'docs', pm.id, 'wal.log');
    await waitFor(() => fs.statSync(wal).size > 0, { message: 'log appended' });
    client.destroy();
    await waitFor(() => server.rooms.size === 0, { message: 'document unloaded' });
    expect(fs.statSync(wal).size).toBe(0);

    const again = track(await connectClient(server.wsUrl, pm.id, pm.tokens.viewer));
    expect(readSnapshot(again.doc)).toEqual(expected);
    const res = await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: `Bearer ${pm.tokens.viewer}` } });
    expect(((await res.json()) as { revision: number }).revision).toBe(20);
  });

  it('compacts periodically while people keep editing, without losing an update', async () => {
    const server = await startTestServer({ compactAfterUpdates: 7 });
    cleanups.push(() => server.stop());
    const pm = await createPostmortemOverHttp(server.url);
    const a = track(await connectClient(server.wsUrl, pm.id, pm.tokens.participant));
    const b = track(await connectClient(server.wsUrl, pm.id, pm.tokens.participant));
    for (let i = 0; i < 30; i += 1) addTimelineEntry(i % 2 ? a.doc : b.doc, { body: `entry ${i}` });
    await waitFor(() => readSnapshot(a.doc).timeline.length === 30 && readSnapshot(b.doc).timeline.length === 30);
    a.destroy();
    b.destroy();
    await server.close();
    const restarted = await startTestServer({ dataDir: server.dataDir });
    cleanups.push(() => restarted.close());
    const c = track(await connectClient(restarted.wsUrl, pm.id, pm.tokens.viewer));
    expect(readSnapshot(c.doc).timeline).toHaveLength(30);
  });

  it.skipIf(onPostgres)('loads a document whose log ends in a torn record, keeping every intact update', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.stop());
    const pm = await createPostmortemOverHttp(server.url);
    const client = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
    fillFragment(client.doc.getXmlFragment('summary'), 'kept');
    const wal = path.join(server.dataDir, 'docs', pm.id, 'wal.log');
    await waitFor(() => fs.statSync(wal).size > 0);
    client.destroy();
    await server.close(); // compacts: the summary is in the snapshot now
    fs.appendFileSync(wal, Buffer.from([40, 0, 0, 0, 1, 2, 3])); // a record cut off mid-write

    const restarted = await startTestServer({ dataDir: server.dataDir });
    cleanups.push(() => restarted.close());
    const c = track(await connectClient(restarted.wsUrl, pm.id, pm.tokens.participant));
    expect(readSnapshot(c.doc).text.summary.trim()).toBe('kept');
    expect(restarted.logLines.some((l) => l.includes('torn or corrupt tail'))).toBe(true);
    expect(fs.readdirSync(path.dirname(wal)).some((f) => f.startsWith('wal.log.damaged-'))).toBe(true);
    fillFragment(c.doc.getXmlFragment('impact'), 'new edit after repair');
    await waitFor(async () => (await restarted.store.getRevision(pm.id)) >= 1);
  });
});
