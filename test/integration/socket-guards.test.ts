import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { MessageType } from '../../shared/protocol/messages.ts';
import { fillFragment, readSnapshot, roots } from '../../shared/schema/index.ts';
import { connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeEach(async () => {
  server = await startTestServer({ maxMessageBytes: 64 * 1024 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}
const awarenessFrame = (update: Uint8Array) =>
  frame((e) => encoding.writeVarUint(e, MessageType.awareness), (e) => encoding.writeVarUint8Array(e, update));
const updateFrame = (update: Uint8Array) =>
  frame((e) => encoding.writeVarUint(e, MessageType.sync), (e) => syncProtocol.writeUpdate(e, update));

/** An update a modified client could craft: a title change from an independent doc. */
function titleUpdate(title: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', title);
  return Y.encodeStateAsUpdate(doc);
}

async function storedSnapshot(id: string, token: string) {
  const probe = await connectClient(server.wsUrl, id, token);
  const snap = readSnapshot(probe.doc);
  probe.destroy();
  return snap;
}

/** When a socket opened and closed, and how many pings it got. */
function watch(ws: WebSocket) {
  const seen = { open: 0, pings: 0, closed: null as { code: number; at: number } | null };
  ws.on('open', () => (seen.open = Date.now()));
  ws.on('ping', () => (seen.pings += 1));
  ws.on('close', (code) => (seen.closed = { code, at: Date.now() }));
  return seen;
}

describe('collaboration socket guards', () => {
  it('closes a bad or missing token with 4401 and an unknown id with 4404', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    expect((await (await openRawSocket(server.wsUrl, pm.id, 'not-a-token')).closed).code).toBe(CloseCode.badToken);
    expect((await (await openRawSocket(server.wsUrl, pm.id, '')).closed).code).toBe(CloseCode.badToken);
    expect((await (await openRawSocket(server.wsUrl, 'AAAAAAAAAAAAAAAA', pm.tokens.facilitator)).closed).code).toBe(
      CloseCode.unknownDocument,
    );
    expect((await (await openRawSocket(server.wsUrl, '../../etc', pm.tokens.facilitator)).closed).code).toBe(
      CloseCode.unknownDocument,
    );
  });

  it("refuses a viewer's write: it never reaches another client or the store", async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Original title' });
    const participant = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
    clients.push(participant);
    const viewer = await connectClient(server.wsUrl, pm.id, pm.tokens.viewer);
    clients.push(viewer);

    viewer.doc.transact(() => {
      roots(viewer.doc).meta.set('title', 'Written by a viewer');
      fillFragment(viewer.doc.getXmlFragment('summary'), 'viewer text');
    });
    await waitFor(() => viewer.closeCodes.includes(CloseCode.writeRefused), { message: 'viewer refused' });

    // The participant keeps working and never sees the viewer's change.
    fillFragment(participant.doc.getXmlFragment('impact'), 'after the refusal');
    const snap = await storedSnapshot(pm.id, pm.tokens.facilitator);
    expect(snap.text.impact).toContain('after the refusal');
    expect(snap.meta.title).toBe('Original title');
    expect(snap.text.summary).toBe('');
    expect(readSnapshot(participant.doc).meta.title).toBe('Original title');
    expect(server.logLines.some((l) => l.includes('update refused'))).toBe(true);
  });

  it('refuses crafted viewer frames as Update and as SyncStep2', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Original title' });
    const asUpdate = await openRawSocket(server.wsUrl, pm.id, pm.tokens.viewer);
    asUpdate.send(updateFrame(titleUpdate('via update')));
    expect((await asUpdate.closed).code).toBe(CloseCode.writeRefused);

    const asStep2 = await openRawSocket(server.wsUrl, pm.id, pm.tokens.viewer);
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'via step 2');
    asStep2.send(
      frame((e) => encoding.writeVarUint(e, MessageType.sync), (e) => syncProtocol.writeSyncStep2(e, doc)),
    );
    expect((await asStep2.closed).code).toBe(CloseCode.writeRefused);
    expect((await storedSnapshot(pm.id, pm.tokens.viewer)).meta.title).toBe('Original title');
  });

  it('closes only the sender of a malformed frame; the server and the document carry on', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Still here' });
    const bystander = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
    clients.push(bystander);

    const badFrames: [string, Uint8Array | string][] = [
      ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
      ['empty frame', new Uint8Array([])],
      ['unknown message type', frame((e) => encoding.writeVarUint(e, 42))],
      ['truncated sync payload', new Uint8Array([MessageType.sync, 2, 50, 1, 2])],
      ['unknown sync type', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 7), (e) => encoding.writeVarUint8Array(e, new Uint8Array([0])))],
      ['garbage update', updateFrame(new Uint8Array([1, 200, 3, 4, 5, 6, 7, 8, 9]))],
      ['garbage awareness', frame((e) => encoding.writeVarUint(e, MessageType.awareness), (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 0x7b])))],
      ['text frame', 'hello'],
    ];
    for (const [what, data] of badFrames) {
      const raw = await openRawSocket(server.wsUrl, pm.id, pm.tokens.participant);
      raw.ws.send(data);
      const { code } = await raw.closed;
      expect(code, what).toBe(CloseCode.malformedMessage);
    }
    const tooBig = await openRawSocket(server.wsUrl, pm.id, pm.tokens.participant);
    tooBig.send(new Uint8Array(200 * 1024));
    expect((await tooBig.closed).code).toBe(CloseCode.messageTooBig);

    // The bystander was never disconnected and can still edit.
    expect(bystander.closeCodes).toEqual([]);
    fillFragment(bystander.doc.getXmlFragment('summary'), 'edited after the attacks');
    const snap = await storedSnapshot(pm.id, pm.tokens.viewer);
    expect(snap.meta.title).toBe('Still here');
    expect(snap.text.summary).toContain('edited after the attacks');
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
  });

  it("drops awareness for another client's id, keeping the owner's presence", async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const victim = await connectClient(server.wsUrl, pm.id, pm.tokens.participant, { name: 'Ana' });
    clients.push(victim);
    const watcher = await connectClient(server.wsUrl, pm.id, pm.tokens.viewer, { name: 'Watcher' });
    clients.push(watcher);
    await waitFor(() => watcher.provider.awareness.getStates().get(victim.doc.clientID)?.user?.name === 'Ana');

    // A modified client publishes its own presence, then claims the victim's id.
    const raw = await openRawSocket(server.wsUrl, pm.id, pm.tokens.participant);
    const own = new awarenessProtocol.Awareness(new Y.Doc());
    own.setLocalState({ user: { name: 'Mallory' } });
    raw.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(own, [own.clientID])));
    const spoof = new awarenessProtocol.Awareness(new Y.Doc());
    spoof.clientID = victim.doc.clientID;
    spoof.setLocalState({ user: { name: 'Spoofed' } });
    for (let i = 0; i < 50; i += 1) spoof.setLocalState({ user: { name: 'Spoofed' } }); // a clock well ahead
    raw.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(spoof, [victim.doc.clientID])));

    // Frames are handled in order: once Mallory's next state arrives, the spoof has been judged and sent on (or not).
    own.setLocalState({ user: { name: 'Mallory again' } });
    raw.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(own, [own.clientID])));
    await waitFor(() => [...watcher.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Mallory again'));
    expect(watcher.provider.awareness.getStates().get(victim.doc.clientID)?.user?.name).toBe('Ana');
    raw.ws.close();
    own.destroy();
    spoof.destroy();
  });

  it('drops a socket that stops answering pings within about two ping intervals, and keeps one that answers', async () => {
    const pingMs = 250;
    const keepalive = await startTestServer({ pingIntervalMs: pingMs });
    try {
      const pm = await createPostmortemOverHttp(keepalive.url);
      const url = `${keepalive.wsUrl}/${pm.id}?token=${encodeURIComponent(pm.tokens.participant)}`;
      // A peer that went away without closing (a sleeping laptop, a dead NAT entry) never answers.
      const silent = new WebSocket(url, { autoPong: false });
      const answering = new WebSocket(url);
      const silentSeen = watch(silent);
      const answeringSeen = watch(answering);
      await waitFor(() => silentSeen.open && answeringSeen.open, { message: 'both open' });
      await waitFor(() => keepalive.connections === 2, { message: 'both attached' });

      await waitFor(() => silentSeen.closed, { timeoutMs: 10 * pingMs, message: 'the silent socket dropped' });
      expect(silentSeen.pings).toBeGreaterThanOrEqual(1);
      // One sweep pings it, the next finds no pong; the first sweep comes within one interval of opening.
      expect(silentSeen.closed!.at - silentSeen.open).toBeLessThan(2 * pingMs + 400);
      // Terminated, not closed politely: the client sees no close frame.
      expect(silentSeen.closed!.code).toBe(1006);

      // The answering socket outlives several more sweeps.
      const pingsThen = answeringSeen.pings;
      await waitFor(() => answeringSeen.pings >= pingsThen + 3, { message: 'three more pings answered' });
      expect(answeringSeen.closed).toBeNull();
      expect(answering.readyState).toBe(WebSocket.OPEN);
      expect(keepalive.connections).toBe(1);
      answering.close();
      await waitFor(() => answeringSeen.closed && keepalive.connections === 0, { message: 'closed cleanly' });
    } finally {
      await keepalive.stop();
    }
  });
});
