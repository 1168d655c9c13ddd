import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { readSnapshot } from '../../shared/schema/index.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { dumpDatabase, queryRows } from '../helpers/postgres.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { hashToken } from '../../server/tokens.ts';

let server: TestServer;
let pm: CreatePostmortemResponse;
const clients: TestClient[] = [];
beforeEach(async () => {
  server = await startTestServer({ notesPerWindow: 5 });
  pm = await createPostmortemOverHttp(server.url);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

interface Reply {
  status: number;
  body: string;
}

/** A request from a given loopback address and user agent, so the test can look for both afterwards. */
function request(method: string, urlPath: string, token: string, body: unknown, from: { address: string; agent: string }): Promise<Reply> {
  const url = new URL(server.url + urlPath);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        localAddress: from.address,
        headers: {
          authorization: `Bearer ${token}`,
          'user-agent': from.agent,
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const facilitatorFrom = { address: '127.0.0.1', agent: 'facilitator-browser' };
const NOTE_A = 'The same pool limit change almost went out last month; a reviewer caught the unit by luck.';
const NOTE_B = 'Our staging config differs from production for pool sizes, so tests never see this.';

/** Everything the server keeps: its data folder and, with STORE=postgres, every row of its database. */
async function everythingStored(stored: TestServer): Promise<string> {
  const files = (fs.readdirSync(stored.dataDir, { recursive: true }) as string[])
    .map((f) => path.join(stored.dataDir, f))
    .filter((f) => fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('\n');
  return stored.databaseUrl ? `${files}\n${await dumpDatabase(stored.databaseUrl)}` : files;
}

/** The pending queue as stored: the notes file, or the table's whole rows. */
async function pendingQueueAsStored(stored: TestServer, id: string): Promise<string> {
  if (!stored.databaseUrl) return fs.readFileSync(path.join(stored.dataDir, 'docs', id, 'notes.json'), 'utf8');
  return JSON.stringify(await queryRows(stored.databaseUrl, 'SELECT p.* FROM pending_notes p WHERE doc_id = $1', [id]));
}

describe('anonymous near-miss notes', () => {
  it('keep nothing that links a note to its author: not in the data folder, any answer, or the log', async () => {
    const ana = await connectClient(server.wsUrl, pm.id, pm.tokens.participant, { name: 'Ana Authorname' });
    const ben = await connectClient(server.wsUrl, pm.id, pm.tokens.facilitator, { name: 'Ben Bylinename' });
    clients.push(ana, ben);
    const anaFrom = { address: '127.0.0.7', agent: 'AnaAgent/1.0 (unique-ua-7)' };
    const benFrom = { address: '127.0.0.8', agent: 'BenAgent/2.0 (unique-ua-8)' };

    const answers: Reply[] = [];
    answers.push(await request('POST', `/api/postmortems/${pm.id}/near-misses`, pm.tokens.participant, { text: NOTE_A }, anaFrom));
    answers.push(await request('POST', `/api/postmortems/${pm.id}/near-misses`, pm.tokens.facilitator, { text: NOTE_B }, benFrom));
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(answers.map((a) => JSON.parse(a.body))).toEqual([{ ok: true }, { ok: true }]);

    const list = await request('GET', `/api/postmortems/${pm.id}/near-misses`, pm.tokens.facilitator, undefined, facilitatorFrom);
    answers.push(list);
    const notes = (JSON.parse(list.body) as { notes: { id: string; text: string; hour: string }[] }).notes;
    expect(notes.map((n) => n.text).sort()).toEqual([NOTE_A, NOTE_B].sort());
    for (const note of notes) {
      expect(Object.keys(note).sort()).toEqual(['hour', 'id', 'text']);
      expect(note.hour).toMatch(/T\d\d:00:00\.000Z$/);
    }

    const approveA = notes.find((n) => n.text === NOTE_A)!;
    answers.push(await request('POST', `/api/postmortems/${pm.id}/near-misses/${approveA.id}/approve`, pm.tokens.facilitator, undefined, facilitatorFrom));
    await waitFor(() => readSnapshot(ana.doc).nearMisses.length === 1, { message: 'approved note reaches everyone' });
    const shown = readSnapshot(ben.doc).nearMisses[0]!;
    expect(shown.text).toBe(NOTE_A);
    expect(shown.hour).toMatch(/T\d\d:00:00\.000Z$/);

    // The note's items in the shared document were written by the server, not by the author's client.
    const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(ana.doc)).structs;
    const noteItems = structs.filter((s) => s instanceof Y.Item && JSON.stringify((s as Y.Item).content).includes('reviewer caught'));
    expect(noteItems.length).toBeGreaterThan(0);
    for (const item of noteItems) expect([ana.doc.clientID, ben.doc.clientID]).not.toContain(item.id.client);

    await server.close(); // flush everything to disk (or the database) before looking
    const stored = await everythingStored(server);
    const log = server.logLines.join('\n');
    const said = answers.map((a) => a.body).join('\n');
    const identifying = [
      pm.tokens.participant,
      pm.tokens.facilitator,
      '127.0.0.7',
      '127.0.0.8',
      'unique-ua-7',
      'unique-ua-8',
      String(ana.doc.clientID),
      String(ben.doc.clientID),
    ];
    for (const secret of identifying) {
      expect(stored, `data folder holds ${secret}`).not.toContain(secret);
      expect(log, `log holds ${secret}`).not.toContain(secret);
      expect(said, `an answer holds ${secret}`).not.toContain(secret);
    }
    // Names and token hashes never sit next to a note: the pending queue file holds only notes.
    const notesFile = await pendingQueueAsStored(server, pm.id);
    for (const secret of ['Ana Authorname', 'Ben Bylinename', hashToken(pm.tokens.participant), hashToken(pm.tokens.facilitator)]) {
      expect(notesFile).not.toContain(secret);
    }
    expect(log).not.toContain('reviewer caught'); // no note text in any log line
    expect(JSON.parse(notesFile)).toEqual([expect.objectContaining({ text: NOTE_B })]);
  });

  it('lists pending notes in random order', async () => {
    const from = { address: '127.0.0.1', agent: 'x' };
    const texts = ['first note text', 'second note text', 'third note text', 'fourth note text', 'fifth note text'];
    for (const text of texts) await request('POST', `/api/postmortems/${pm.id}/near-misses`, pm.tokens.participant, { text }, from);
    const orders = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      const list = await request('GET', `/api/postmortems/${pm.id}/near-misses`, pm.tokens.facilitator, undefined, from);
      orders.add((JSON.parse(list.body) as { notes: { text: string }[] }).notes.map((n) => n.text).join('|'));
    }
    // 5! = 120 orders: twelve listings in one order would happen by chance about once in 10^24.
    expect(orders.size).toBeGreaterThan(1);
  });

  it('lets only participants and facilitators submit, and only facilitators read, approve or dismiss', async () => {
    const from = { address: '127.0.0.1', agent: 'x' };
    const url = `/api/postmortems/${pm.id}/near-misses`;
    expect((await request('POST', url, pm.tokens.viewer, { text: 'viewer note' }, from)).status).toBe(403);
    expect((await request('POST', url, pm.tokens.participant, { text: '' }, from)).status).toBe(400);
    expect((await request('POST', url, pm.tokens.participant, { text: 'a real note' }, from)).status).toBe(202);
    expect((await request('GET', url, pm.tokens.participant, undefined, from)).status).toBe(403);
    expect((await request('GET', url, pm.tokens.viewer, undefined, from)).status).toBe(403);
    const list = await request('GET', url, pm.tokens.facilitator, undefined, from);
    const [note] = (JSON.parse(list.body) as { notes: { id: string }[] }).notes;
    expect((await request('POST', `${url}/${note!.id}/approve`, pm.tokens.participant, undefined, from)).status).toBe(403);
    expect((await request('POST', `${url}/${note!.id}/dismiss`, pm.tokens.facilitator, undefined, from)).status).toBe(200);
    expect((await request('POST', `${url}/${note!.id}/dismiss`, pm.tokens.facilitator, undefined, from)).status).toBe(404);
    expect(JSON.parse((await request('GET', url, pm.tokens.facilitator, undefined, from)).body)).toEqual({ notes: [] });
  });

  it('rate-limits submissions per postmortem without remembering who sent them', async () => {
    const url = `/api/postmortems/${pm.id}/near-misses`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await request('POST', url, pm.tokens.participant, { text: `note number ${i}` }, { address: `127.0.0.${20 + i}`, agent: 'x' })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    const other = await createPostmortemOverHttp(server.url);
    expect((await request('POST', `/api/postmortems/${other.id}/near-misses`, other.tokens.participant, { text: 'elsewhere' }, { address: '127.0.0.20', agent: 'x' })).status).toBe(202);
  });
});
