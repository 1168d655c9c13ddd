import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  RICH_TEXT_ROOTS,
  addAction,
  addDefense,
  addFactor,
  addTimelineEntry,
  fillFragment,
  readSnapshot,
  roots,
  setActionStatus,
} from '../../shared/schema/index.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

async function join(id: string, token: string): Promise<TestClient> {
  const client = await connectClient(server.wsUrl, id, token);
  clients.push(client);
  return client;
}

function same(a: Y.Doc, b: Y.Doc): boolean {
  return JSON.stringify(readSnapshot(a)) === JSON.stringify(readSnapshot(b));
}

describe('two clients co-editing', () => {
  it('see the seeded document as soon as they sync', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Login failures', severity: 'SEV1' });
    const a = await join(pm.id, pm.tokens.participant);
    expect(readSnapshot(a.doc).meta).toMatchObject({ title: 'Login failures', severity: 'SEV1' });
    for (const name of RICH_TEXT_ROOTS) expect(a.doc.getXmlFragment(name).length).toBe(1);
  });

  it('converge on every root of the contract, edited concurrently from both sides', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const a = await join(pm.id, pm.tokens.facilitator);
    const b = await join(pm.id, pm.tokens.participant);

    // Concurrent edits: each client changes every kind of root before seeing the other's.
    a.doc.transact(() => {
      const meta = roots(a.doc).meta;
      meta.set('title', 'Checkout outage (EU)');
      meta.set('startedAt', '2026-11-02T13:58:00.000Z');
      (meta.get('services') as Y.Array<string>).push(['checkout']);
      const locks = roots(a.doc).moderation.get('locks') as Y.Map<boolean>;
      locks.set('detection', true);
    });
    b.doc.transact(() => {
      roots(b.doc).meta.set('detectedAt', '2026-11-02T14:09:00.000Z');
      (roots(b.doc).meta.get('services') as Y.Array<string>).push(['payments-api']);
    });
    for (const [client, name] of [
      [a, 'summary'],
      [b, 'impact'],
      [a, 'detection'],
      [b, 'control'],
      [a, 'prevention'],
      [b, 'trigger'],
      [a, 'systemGap'],
    ] as const) {
      fillFragment(client.doc.getXmlFragment(name), `${name} written by ${client === a ? 'A' : 'B'}`);
    }
    addTimelineEntry(a.doc, { at: '2026-11-02T14:05:00.000Z', body: 'Deploy 8812 starts', known: 'Canary green' });
    addTimelineEntry(b.doc, { at: '2026-11-02T14:01:00.000Z', body: 'Error rate rises', known: 'No alert yet' });
    addFactor(a.doc, { category: 'tooling', body: 'Deploy tool skips canary for config changes' });
    addFactor(b.doc, { category: 'communication', body: 'Status page owned by nobody' });
    addDefense(a.doc, { name: 'Canary analysis', state: 'failed', failure: 'latent' });
    const actionId = addAction(b.doc, { action: 'Run canary for config changes', kind: 'automation', owner: 'Deploy team', due: '2026-12-01' });

    await waitFor(() => same(a.doc, b.doc), { message: 'convergence' });
    const snap = readSnapshot(a.doc);
    expect(snap.meta.title).toBe('Checkout outage (EU)');
    expect(snap.meta.services.sort()).toEqual(['checkout', 'payments-api']);
    expect(snap.meta.detectedAt).toBe('2026-11-02T14:09:00.000Z');
    expect(snap.moderation.locks).toEqual({ detection: true });
    expect(snap.text.summary).toContain('summary written by A');
    expect(snap.text.impact).toContain('impact written by B');
    expect(snap.timeline.map((e) => e.body)).toEqual(['Error rate rises', 'Deploy 8812 starts']);
    expect(snap.factors).toHaveLength(2);
    expect(snap.defenses[0]).toMatchObject({ name: 'Canary analysis', state: 'failed' });

    // Edits inside nested structures travel too: an action's status and a timeline entry's text.
    const row = roots(a.doc).actions.toArray().find((r) => r.get('id') === actionId)!;
    setActionStatus(row, 'done');
    const entry = roots(b.doc).timeline.get(0);
    fillFragment(entry.get('known') as Y.XmlFragment, 'Pager silent');
    await waitFor(() => same(a.doc, b.doc) && readSnapshot(b.doc).actions[0]?.status === 'done', { message: 'nested edits' });
    expect(readSnapshot(b.doc).actions[0]!.closedAt).not.toBe('');
    expect(readSnapshot(a.doc).timeline.some((e) => e.known.includes('Pager silent'))).toBe(true);
  });

  it('a third client joining later gets everything, and so does the store after a restart', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const a = await join(pm.id, pm.tokens.participant);
    fillFragment(a.doc.getXmlFragment('summary'), 'Checkout failed for 42 minutes.');
    addAction(a.doc, { action: 'Alert on checkout error budget burn' });
    const b = await join(pm.id, pm.tokens.viewer);
    await waitFor(() => same(a.doc, b.doc), { message: 'late joiner' });

    const expected = readSnapshot(a.doc);
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    const restarted = await startTestServer({ dataDir: server.dataDir });
    try {
      const c = await connectClient(restarted.wsUrl, pm.id, pm.tokens.viewer);
      expect(readSnapshot(c.doc)).toEqual(expected);
      c.destroy();
    } finally {
      await restarted.stop();
    }
  });

  it('shows everyone present with their names, and forgets a client that leaves', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const a = await join(pm.id, pm.tokens.facilitator);
    const b = await join(pm.id, pm.tokens.participant);
    b.provider.awareness.setLocalStateField('user', { name: 'Priya', color: '#aa3366' });
    await waitFor(() => [...a.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Priya'), {
      message: 'presence',
    });
    b.destroy();
    await waitFor(() => a.provider.awareness.getStates().size === 1, { message: 'departure' });
  });
});
