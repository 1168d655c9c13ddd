import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { MessageType } from '../../shared/protocol/messages.ts';
import { addAction, fillFragment, readSnapshot, roots } from '../../shared/schema/index.ts';
import { connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
let pm: CreatePostmortemResponse;
const clients: TestClient[] = [];
beforeEach(async () => {
  server = await startTestServer();
  pm = await createPostmortemOverHttp(server.url);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

async function join(role: 'facilitator' | 'participant' | 'viewer'): Promise<TestClient> {
  const client = await connectClient(server.wsUrl, pm.id, pm.tokens[role]);
  clients.push(client);
  return client;
}

/** What a fresh reader gets from the server: the stored document. */
async function serverSnapshot() {
  const probe = await join('viewer');
  return readSnapshot(probe.doc);
}

function setLock(facilitator: TestClient, section: string, locked: boolean) {
  const locks = roots(facilitator.doc).moderation.get('locks') as Y.Map<boolean>;
  if (locked) locks.set(section, true);
  else locks.delete(section);
}

async function lockSeen(client: TestClient, section: string, locked: boolean) {
  await waitFor(() => (readSnapshot(client.doc).moderation.locks[section] === true) === locked, { message: `lock ${section}=${locked}` });
}

/** A raw frame carrying `update` as an Update or a SyncStep2 message. */
function frame(update: Uint8Array, as: 'update' | 'step2'): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  if (as === 'update') syncProtocol.writeUpdate(e, update);
  else {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  }
  return encoding.toUint8Array(e);
}

/** An update made on a copy of the server's document, as a modified client would craft it. */
async function craft(change: (doc: Y.Doc) => void): Promise<Uint8Array> {
  const base = await join('viewer');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base.doc));
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

async function sendRaw(role: 'facilitator' | 'participant' | 'viewer', data: Uint8Array) {
  const raw = await openRawSocket(server.wsUrl, pm.id, pm.tokens[role]);
  raw.send(data);
  return raw;
}

describe('per-root write rules', () => {
  it("refuses a participant's update to a locked section, and lets the same edit through once unlocked", async () => {
    const facilitator = await join('facilitator');
    const participant = await join('participant');
    setLock(facilitator, 'impact', true);
    await lockSeen(participant, 'impact', true);

    fillFragment(participant.doc.getXmlFragment('impact'), 'written while locked');
    await waitFor(() => participant.closeCodes.includes(CloseCode.writeRefused), { message: 'refusal' });
    expect((await serverSnapshot()).text.impact).toBe('');
    expect(readSnapshot(facilitator.doc).text.impact).toBe('');
    expect(server.logLines.some((l) => l.includes('"why":"locked"'))).toBe(true);

    // Unlocked: the same client's state (the edit is still in its doc) goes through on reconnect.
    setLock(facilitator, 'impact', false);
    await waitFor(async () => (await serverSnapshot()).moderation.locks.impact === undefined);
    const again = new WebsocketProvider(server.wsUrl, pm.id, participant.doc, {
      params: { token: pm.tokens.participant },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    try {
      await waitFor(() => readSnapshot(facilitator.doc).text.impact.includes('written while locked'), { message: 'edit after unlock' });
    } finally {
      again.destroy();
    }
  });

  it('refuses an edit made offline to a locked section when it arrives as SyncStep2 on reconnect', async () => {
    const facilitator = await join('facilitator');
    const participant = await join('participant');
    participant.provider.disconnect();
    fillFragment(participant.doc.getXmlFragment('control'), 'typed offline');
    setLock(facilitator, 'control', true);
    await waitFor(async () => (await serverSnapshot()).moderation.locks.control === true);

    participant.provider.connect();
    await waitFor(() => participant.closeCodes.includes(CloseCode.writeRefused), { message: 'refusal on reconnect' });
    expect((await serverSnapshot()).text.control).toBe('');
    expect(readSnapshot(facilitator.doc).text.control).toBe('');
  });

  it('refuses deleting existing content of a locked section, and a crafted SyncStep2 doing it', async () => {
    const facilitator = await join('facilitator');
    fillFragment(facilitator.doc.getXmlFragment('summary'), 'The facilitator wrote this.');
    addAction(facilitator.doc, { action: 'Keep me', owner: 'SRE', due: '2099-01-01', kind: 'control' });
    setLock(facilitator, 'summary', true);
    setLock(facilitator, 'actions', true);
    await waitFor(async () => (await serverSnapshot()).moderation.locks.actions === true);

    const participant = await join('participant');
    const summary = participant.doc.getXmlFragment('summary');
    summary.delete(0, summary.length);
    await waitFor(() => participant.closeCodes.includes(CloseCode.writeRefused));

    const deleteAction = await craft((doc) => roots(doc).actions.delete(0, 1));
    const raw = await sendRaw('participant', frame(deleteAction, 'step2'));
    expect((await raw.closed).code).toBe(CloseCode.writeRefused);

    const snap = await serverSnapshot();
    expect(snap.text.summary).toContain('The facilitator wrote this.');
    expect(snap.actions.map((a) => a.action)).toEqual(['Keep me']);
  });

  it('lets the facilitator edit a locked section', async () => {
    const facilitator = await join('facilitator');
    setLock(facilitator, 'impact', true);
    fillFragment(facilitator.doc.getXmlFragment('impact'), 'facilitator note');
    await waitFor(async () => (await serverSnapshot()).text.impact.includes('facilitator note'));
    expect(facilitator.closeCodes).toEqual([]);
  });

  it.each(['update', 'step2'] as const)('refuses moderation by a participant, sent as %s', async (as) => {
    const lock = await craft((doc) => (roots(doc).moderation.get('locks') as Y.Map<boolean>).set('summary', true));
    const status = await craft((doc) => roots(doc).moderation.set('status', 'published'));
    for (const update of [lock, status]) {
      const raw = await sendRaw('participant', frame(update, as));
      expect((await raw.closed).code).toBe(CloseCode.writeRefused);
    }
    const snap = await serverSnapshot();
    expect(snap.moderation).toMatchObject({ status: 'draft', locks: {} });
  });

  it('refuses a facilitator publishing through the document: publishing goes through the publish gate', async () => {
    const facilitator = await join('facilitator');
    const publish = await craft((doc) => roots(doc).moderation.set('status', 'published'));
    const raw = await sendRaw('facilitator', frame(publish, 'update'));
    expect((await raw.closed).code).toBe(CloseCode.writeRefused);
    // Other moderation stays the facilitator's: a status change and a lock go through.
    roots(facilitator.doc).moderation.set('status', 'in-review');
    setLock(facilitator, 'impact', true);
    await waitFor(async () => {
      const snap = await serverSnapshot();
      return snap.moderation.status === 'in-review' && snap.moderation.locks.impact === true;
    }, { message: 'in review and impact locked' });
    expect(facilitator.closeCodes).toEqual([]);
  });

  it.each([
    ['facilitator', 'update'],
    ['facilitator', 'step2'],
    ['participant', 'update'],
    ['participant', 'step2'],
  ] as const)('refuses nearMisses written by a %s client, sent as %s', async (role, as) => {
    const note = await craft((doc) => {
      const row = new Y.Map<unknown>();
      row.set('id', 'n1');
      row.set('text', 'forged note');
      roots(doc).nearMisses.push([row]);
    });
    const raw = await sendRaw(role, frame(note, as));
    expect((await raw.closed).code).toBe(CloseCode.writeRefused);
    expect((await serverSnapshot()).nearMisses).toEqual([]);
  });

  it("refuses a participant's nearMisses row made offline when it arrives as SyncStep2 on reconnect", async () => {
    const facilitator = await join('facilitator');
    const participant = await join('participant');
    participant.provider.disconnect();
    await waitFor(() => !participant.provider.wsconnected, { message: 'disconnected' });
    const row = new Y.Map<unknown>();
    row.set('id', 'offline-note');
    row.set('text', 'forged while offline');
    row.set('hour', '2026-01-01T10:00:00.000Z');
    roots(participant.doc).nearMisses.push([row]);

    // On reconnect y-websocket answers the server's SyncStep1 with a SyncStep2 carrying the row.
    participant.provider.connect();
    await waitFor(() => participant.closeCodes.includes(CloseCode.writeRefused), { message: 'refusal on reconnect' });
    expect((await serverSnapshot()).nearMisses).toEqual([]);
    expect(readSnapshot(facilitator.doc).nearMisses).toEqual([]);
    expect(server.logLines.some((l) => l.includes('update refused'))).toBe(true);
  });

  it('refuses roots that are not part of a postmortem, and the whole update with them', async () => {
    const mixed = await craft((doc) => {
      fillFragment(doc.getXmlFragment('summary'), 'legit part');
      doc.getMap('somethingElse').set('x', 1);
    });
    const raw = await sendRaw('participant', frame(mixed, 'update'));
    expect((await raw.closed).code).toBe(CloseCode.writeRefused);
    expect((await serverSnapshot()).text.summary).toBe('');
  });

  it("refuses a viewer's writes of every kind", async () => {
    const updates = [
      await craft((doc) => roots(doc).meta.set('title', 'x')),
      await craft((doc) => fillFragment(doc.getXmlFragment('summary'), 'x')),
      await craft((doc) => addAction(doc, { action: 'x' })),
      await craft((doc) => roots(doc).moderation.set('status', 'published')),
    ];
    for (const update of updates) {
      for (const as of ['update', 'step2'] as const) {
        const raw = await sendRaw('viewer', frame(update, as));
        expect((await raw.closed).code).toBe(CloseCode.writeRefused);
      }
    }
    const snap = await serverSnapshot();
    expect(snap.meta.title).toBe('Checkout outage');
    expect(snap.actions).toEqual([]);
  });

  it.each(['update', 'step2'] as const)('lets a viewer send back, as %s, only what the server has (a sync answer that crossed later edits)', async (as) => {
    const facilitator = await join('facilitator');
    fillFragment(facilitator.doc.getXmlFragment('summary'), 'Written before the viewer answered.');
    (roots(facilitator.doc).moderation.get('locks') as Y.Map<boolean>).set('impact', true);
    await waitFor(async () => (await serverSnapshot()).moderation.locks.impact === true);
    const raw = await sendRaw('viewer', frame(Y.encodeStateAsUpdate(facilitator.doc), as));
    // Still open: a sync step 1 after it gets its answer.
    const before = raw.messages.length;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep1(e, new Y.Doc());
    raw.send(encoding.toUint8Array(e));
    await waitFor(() => raw.messages.length > before, { message: 'an answer to the sync step' });
    const outcome = await Promise.race([raw.closed, new Promise((r) => setTimeout(() => r('open'), 200))]);
    expect(outcome).toBe('open');
    raw.ws.close();
  });

  it('refuses an update that deletes items the server does not have', async () => {
    const ghost = new Y.Doc();
    ghost.clientID = 424242;
    const text = ghost.getXmlFragment('summary');
    text.insert(0, [new Y.XmlText('ghost')]);
    const before = Y.encodeStateVector(ghost);
    text.delete(0, 1);
    // Only the deletion, not the item it deletes.
    const deletionOnly = Y.encodeStateAsUpdate(ghost, before);
    const raw = await sendRaw('participant', frame(deletionOnly, 'update'));
    expect((await raw.closed).code).toBe(CloseCode.writeRefused);
  });
});
