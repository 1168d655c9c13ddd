/**
 * The bulk of the socket fuzzing: 100,000 cases (FUZZ_RUNS) through the server's real message
 * handler, on real rooms of a real server and store, in rounds of one fresh postmortem each
 * (some with locked sections, some published). After each round: a fresh client over a real
 * socket and the store itself hold exactly the server's document, and the server still answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { report, SEED, SOCKET_RUNS, timeoutFor } from './helpers/budget.ts';
import { converged, HandlerRound, locksFor } from './helpers/handler-round.ts';
import { recordClientTraffic } from './helpers/record-traffic.ts';

const CASES_PER_ROUND = 1_250;

let server: TestServer;
beforeAll(async () => {
  // Checks settle slowly so that the worker does not compete for the two cores with the cases.
  server = await startTestServer({ checksSettleMs: 5_000, compactAfterUpdates: 300, authFailuresPerMinute: 1_000_000, notesPerWindow: 1_000_000 });
});
afterAll(async () => {
  await server?.stop();
});

async function storedDoc(id: string): Promise<Y.Doc> {
  const stored = await server.store.loadDocument(id);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('socket frames through the real message handler', () => {
  it(
    `keeps the server, other clients and stored documents intact over ${SOCKET_RUNS} cases`,
    async () => {
      const started = performance.now();
      const counts: Record<string, number> = {};
      const outcomes: Record<string, number> = {};
      const millis: Record<string, number> = {};
      const corpus = await recordClientTraffic(server);
      expect(corpus.length).toBeGreaterThan(5);

      const rounds = Math.ceil(SOCKET_RUNS / CASES_PER_ROUND);
      for (let index = 0; index < rounds; index += 1) {
        const cases = Math.min(CASES_PER_ROUND, SOCKET_RUNS - index * CASES_PER_ROUND);
        const round = new HandlerRound(server, { index, cases, seed: SEED, published: index % 5 === 4, chaos: index % 2 === 1, locked: locksFor(index), corpus, counts, outcomes, millis });
        await round.setUp();
        try {
          await round.run();
          // A fresh client over a real socket syncs to exactly the server's document, and so does
          // what the store would load after a crash; unless Yjs held pending structs (see README of test/fuzz).
          const fresh = await connectClient(server.wsUrl, round.id, round.tokens.viewer);
          const stored = await storedDoc(round.id);
          try {
            // Exact rounds must always compare equal; chaotic ones when Yjs held nothing pending.
            expect(round.pendingInRound && index % 2 === 0, `round ${index}: pending structs in an exact round`).toBe(false);
            const compared = !(round.pendingInRound || round.diverged);
            if (!compared) outcomes['rounds not compared'] = (outcomes['rounds not compared'] ?? 0) + 1;
            expect(!compared || converged(fresh.doc, round.room.doc), `round ${index}: fresh client`).toBe(true);
            expect(!compared || converged(stored, round.room.doc), `round ${index}: stored document`).toBe(true);
          } finally {
            fresh.destroy();
            stored.destroy();
          }
          // Whatever was accepted, the document still exports (hostile shapes included).
          for (const path of ['export.json', 'export.md', 'checks']) {
            const res = await fetch(`${server.url}/api/postmortems/${round.id}/${path}`, { headers: { authorization: `Bearer ${round.tokens.viewer}` } });
            expect(res.status, `round ${index}: GET ${path}`).toBe(200);
          }
        } finally {
          await round.tearDown();
        }
        // Keep the corpus from growing without bound across rounds.
        corpus.splice(400);
      }

      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
      const errors = server.logLines.filter((l) => l.includes('"level":"error"'));
      expect(errors, 'error lines in the server log').toEqual([]);
      report('socket handler', counts, started);
      console.log(`[fuzz] socket handler outcomes: ${JSON.stringify(outcomes)}`);
      console.log(`[fuzz] socket handler µs per case: ${JSON.stringify(Object.fromEntries(Object.entries(millis).map(([k, ms]) => [k, Math.round((ms * 1000) / (counts[k] ?? 1))])))}`);
    },
    timeoutFor(SOCKET_RUNS, 0.5),
  );
});
