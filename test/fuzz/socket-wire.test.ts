/**
 * Socket fuzzing end to end, through real WebSocket connections: many frames per connection
 * (valid ones keep it open), then one final frame that must close it with its documented code,
 * or none (then the connection must still answer). A real y-websocket client stays connected
 * throughout and must converge; refused writes must appear nowhere.
 */
import * as fc from 'fast-check';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import type { Role } from '../../shared/api/types.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { MessageType } from '../../shared/protocol/messages.ts';
import { fillFragment, readSnapshot } from '../../shared/schema/index.ts';
import { connectClient, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { converged } from './helpers/handler-round.ts';
import { waitFor } from '../helpers/wait.ts';
import { count, report, scaled, SEED, timeoutFor } from './helpers/budget.ts';
import { awarenessFrame, bytes, mutate, queryAwarenessFrame, syncFrame, truncatedVarint, updateFrame, type Mutation } from './helpers/frames.ts';
import { recordClientTraffic } from './helpers/record-traffic.ts';

const CONNECTIONS = scaled(300, 40);
const MAX_MESSAGE_BYTES = 16 * 1024;

let server: TestServer;
let bystander: TestClient;
let pm: { id: string; tokens: Record<Role, string> };
let corpus: Uint8Array[] = [];
beforeAll(async () => {
  server = await startTestServer({ maxMessageBytes: MAX_MESSAGE_BYTES, authFailuresPerMinute: 1_000_000, checksSettleMs: 2_000 });
  corpus = await recordClientTraffic(server);
  pm = await createPostmortemOverHttp(server.url, { title: 'Wire fuzz', severity: 'SEV2' });
  const facilitator = await connectClient(server.wsUrl, pm.id, pm.tokens.facilitator);
  (facilitator.doc.getMap('moderation').get('locks') as Y.Map<boolean>).set('impact', true);
  await waitFor(async () => (await server.rooms.peek(pm.id))?.doc.getMap('moderation').toJSON().locks?.impact === true, { message: 'lock stored' });
  facilitator.destroy();
  bystander = await connectClient(server.wsUrl, pm.id, pm.tokens.participant, { name: 'Bystander' });
});
afterAll(async () => {
  bystander?.destroy();
  await server?.stop();
});

/** A root-parented edit from a new client id, carrying `marker` so it can be looked for later. */
function edit(root: string, marker: string, as: 'fragment' | 'map' | 'array' = 'fragment'): Uint8Array {
  const doc = new Y.Doc();
  if (as === 'fragment') fillFragment(doc.getXmlFragment(root), marker);
  else if (as === 'map') doc.getMap(root).set('status', marker);
  else doc.getArray(root).push([marker]);
  return updateFrame(Y.encodeStateAsUpdate(doc));
}

type Final = 'none' | 'viewerWrite' | 'moderation' | 'nearMisses' | 'locked' | 'unknownRoot' | 'unknownType' | 'truncated' | 'oversize' | 'text' | 'mutation';
const FINAL_CODES: Partial<Record<Final, number>> = {
  moderation: CloseCode.writeRefused,
  nearMisses: CloseCode.writeRefused,
  locked: CloseCode.writeRefused,
  unknownRoot: CloseCode.writeRefused,
  unknownType: CloseCode.malformedMessage,
  truncated: CloseCode.malformedMessage,
  oversize: CloseCode.messageTooBig,
  text: CloseCode.malformedMessage,
};

const connection = fc.record({
  role: fc.constantFrom<Role>('viewer', 'participant', 'facilitator'),
  keep: fc.array(fc.constantFrom('query', 'stateVector', 'ownPresence', 'foreignPresence', 'emptyUpdate', 'write'), { maxLength: 10 }),
  final: fc.constantFrom<Final>('none', 'viewerWrite', 'moderation', 'nearMisses', 'locked', 'unknownRoot', 'unknownType', 'truncated', 'oversize', 'text', 'mutation', 'mutation'),
  ownId: fc.integer({ min: 1, max: 2 ** 31 }),
  source: fc.nat(),
  mutations: fc.array(fc.record({ kind: fc.constant('bitflip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }), { minLength: 1, maxLength: 3 }),
});

describe('socket frames over real connections', () => {
  it(
    `close only the sender, with the documented code, over ${CONNECTIONS} connections`,
    async () => {
      const started = performance.now();
      const counts: Record<string, number> = {};
      const refusedMarkers: string[] = [];
      const acceptedMarkers: string[] = [];
      let n = 0;
      await fc.assert(
        fc.asyncProperty(connection, async (c) => {
          n += 1;
          const raw = await openRawSocket(server.wsUrl, pm.id, pm.tokens[c.role]);
          const writes = c.role !== 'viewer';
          for (const k of c.keep) {
            if (k === 'query') raw.send(queryAwarenessFrame());
            else if (k === 'stateVector') raw.send(syncFrame(0, bytes((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint(e, c.ownId), (e) => encoding.writeVarUint(e, n))));
            else if (k === 'ownPresence' || k === 'foreignPresence') {
              const id = k === 'ownPresence' ? c.ownId : bystander.doc.clientID;
              const state = JSON.stringify({ user: { name: k === 'ownPresence' ? 'Raw' : 'Spoofed' } });
              raw.send(awarenessFrame(bytes((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint(e, id), (e) => encoding.writeVarUint(e, 10_000 + n), (e) => encoding.writeVarString(e, state))));
            } else if (k === 'emptyUpdate') raw.send(updateFrame(Uint8Array.of(0, 0)));
            else if (k === 'write' && writes) {
              const marker = `ACCEPTED-${n}-${acceptedMarkers.length}`;
              acceptedMarkers.push(marker);
              raw.send(edit('summary', marker));
            } else continue;
            count(counts, `keep:${k}`);
          }
          const marker = `REFUSED-${n}`;
          const finals: Record<Final, () => Uint8Array | string | null> = {
            none: () => null,
            viewerWrite: () => (c.role === 'viewer' ? edit('summary', marker) : null),
            moderation: () => (c.role === 'facilitator' ? null : edit('moderation', marker, 'map')),
            nearMisses: () => edit('nearMisses', marker, 'array'),
            locked: () => (c.role === 'participant' ? edit('impact', marker) : null),
            unknownRoot: () => (c.role === 'viewer' ? null : edit(`evil${n}`, marker, 'map')),
            unknownType: () => bytes((e) => encoding.writeVarUint(e, 42 + n)),
            truncated: () => truncatedVarint(Uint8Array.of(MessageType.sync), 300 + n),
            oversize: () => new Uint8Array(MAX_MESSAGE_BYTES + 1 + (n % 100)),
            text: () => 'not binary',
            mutation: () => corpus.length ? (c.mutations as Mutation[]).reduce((f, m) => mutate(f, m, corpus), corpus[c.source % corpus.length]!) : null,
          };
          const frame = finals[c.final]();
          const expected = c.final === 'viewerWrite' ? CloseCode.writeRefused : FINAL_CODES[c.final];
          if (frame !== null) {
            raw.ws.send(frame);
            count(counts, `final:${c.final}`);
            if (c.final !== 'mutation') refusedMarkers.push(marker);
          }
          let verdict = 'ok';
          if (frame !== null && c.final !== 'mutation') {
            const { code } = await raw.closed;
            if (code !== expected) verdict = `closed with ${code}, expected ${expected}`;
          } else {
            // Still open: the server answers a presence query after everything sent before it.
            const seen = raw.messages.length;
            raw.send(queryAwarenessFrame());
            const outcome = await Promise.race([
              raw.closed,
              waitFor(() => raw.messages.slice(seen).some((m) => m[0] === MessageType.awareness), { message: 'presence answer' }).then(() => null),
            ]);
            if (outcome && outcome.code !== CloseCode.malformedMessage && outcome.code !== CloseCode.writeRefused) verdict = `closed with ${outcome.code}`;
            if (!outcome && c.final !== 'mutation' && raw.ws.readyState !== raw.ws.OPEN) verdict = 'closed without a code';
            raw.ws.close();
          }
          expect(verdict, `${c.final} as ${c.role}`).toBe('ok');
          expect(bystander.closeCodes, 'the bystander was never disconnected').toEqual([]);
        }),
        { numRuns: CONNECTIONS, seed: SEED, endOnFailure: true },
      );

      // The bystander still writes and converges; a fresh client sees every accepted write and no refused one.
      fillFragment(bystander.doc.getXmlFragment('summary'), 'bystander after the fuzzing');
      const fresh = await connectClient(server.wsUrl, pm.id, pm.tokens.viewer);
      try {
        await waitFor(() => readSnapshot(fresh.doc).text.summary.includes('bystander after the fuzzing'), { message: 'bystander write reaches a fresh client' });
        await waitFor(() => converged(fresh.doc, bystander.doc), { message: 'bystander and fresh client converge' });
        const everything = JSON.stringify(fresh.doc.toJSON()) + JSON.stringify(readSnapshot(fresh.doc));
        for (const m of acceptedMarkers) expect(everything, m).toContain(m);
        for (const m of refusedMarkers) expect(everything, m).not.toContain(m);
      } finally {
        fresh.destroy();
      }
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
      expect(server.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
      report('socket wire', counts, started);
    },
    timeoutFor(CONNECTIONS, 30),
  );
});
