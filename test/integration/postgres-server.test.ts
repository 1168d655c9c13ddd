/**
 * The real server on the PostgreSQL store, as a process: what a second client saw survives
 * kill -9, since every update is committed before it is sent on.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addTimelineEntry, fillFragment, readSnapshot } from '../../shared/schema/index.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { connectClient } from '../helpers/clients.ts';
import { ADMIN_DATABASE_URL, POSTGRES_SKIP_REASON, createTempDatabase, queryRows } from '../helpers/postgres.ts';
import { createPostmortemOverHttp, tempDir } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

if (!ADMIN_DATABASE_URL) console.log(POSTGRES_SKIP_REASON);

describe.skipIf(!ADMIN_DATABASE_URL)('server on PostgreSQL', () => {
  it('keeps an edit that a second client saw, across kill -9 and restart, with nothing in the data folder', { timeout: 60_000 }, async () => {
    const database = await createTempDatabase();
    cleanups.push(() => database.drop());
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: database.url, ORG_TOKEN: 'an-organisation-token-for-tests' };
    let child: ChildServer = await startChildServer(dataDir, env);
    cleanups.push(() => child.stop());
    const pm = await createPostmortemOverHttp(child.url);
    const writer = await connectClient(child.wsUrl, pm.id, pm.tokens.participant);
    const reader = await connectClient(child.wsUrl, pm.id, pm.tokens.viewer);
    for (let i = 1; i <= 5; i += 1) {
      addTimelineEntry(writer.doc, { at: `2026-11-02T14:0${i}:00.000Z`, body: `step ${i}` });
      fillFragment(writer.doc.getXmlFragment('summary'), `line ${i}`);
    }
    await waitFor(() => readSnapshot(reader.doc).timeline.length === 5 && readSnapshot(reader.doc).text.summary.includes('line 5'), {
      message: 'second client saw the edits',
    });
    const seen = readSnapshot(reader.doc);
    writer.destroy();
    reader.destroy();
    await child.kill9();
    // Not compacted (no clean shutdown): the updates are rows of the log.
    const [logged] = await queryRows<{ n: string }>(database.url, 'SELECT count(*) AS n FROM document_updates WHERE doc_id = $1', [pm.id]);
    expect(Number(logged!.n)).toBeGreaterThan(0);
    expect(fs.readdirSync(dataDir)).toEqual([]);

    child = await startChildServer(dataDir, env);
    const after = await connectClient(child.wsUrl, pm.id, pm.tokens.viewer);
    cleanups.push(() => after.destroy());
    expect(readSnapshot(after.doc)).toEqual(seen);
    const res = await fetch(`${child.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
