/**
 * Storage faults: a full disk, a read-only data folder, a corrupt snapshot and a corrupt log
 * record. The server keeps serving what it can, never writes bad data over good, reports
 * degraded health and says in its log what happened; nothing already stored is lost.
 * Full disk and read-only use a real tmpfs (root with `mount`); they are skipped without it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { addTimelineEntry, fillFragment, fragmentText, readSnapshot } from '../../shared/schema/index.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { canMount, mountTmpfs } from '../helpers/tmpfs.ts';
import { waitFor } from '../helpers/wait.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function track(client: TestClient): TestClient {
  cleanups.push(() => client.destroy());
  return client;
}

async function start(dataDir: string, overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ dataDir, ...overrides });
  cleanups.push(() => server.close());
  return server;
}

async function health(server: TestServer): Promise<{ status: number; body: { ok: boolean; degraded?: string[] } }> {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; degraded?: string[] } };
}

const summaryOf = (client: TestClient) => fragmentText(client.doc.getXmlFragment('summary'));
const logHas = (server: TestServer, text: string) => server.logLines.some((line) => line.includes(text));

describe.skipIf(!canMount)('a full disk', () => {
  it('refuses the edit with 4503 without broadcasting it, stays up, and recovers without restart once there is room', { timeout: 90_000 }, async () => {
    const disk = mountTmpfs(2 * 1024 * 1024);
    cleanups.push(() => disk.unmount());
    const dataDir = path.join(disk.dir, 'data');
    let server = await start(dataDir);
    const pm = await createPostmortemOverHttp(server.url);
    const writer = track(await connectClient(server.wsUrl, pm.id, pm.tokens.participant));
    const reader = track(await connectClient(server.wsUrl, pm.id, pm.tokens.viewer));
    fillFragment(writer.doc.getXmlFragment('summary'), 'stored before the disk filled up');
    await waitFor(() => summaryOf(reader).includes('stored before'), { message: 'first edit reached the reader' });

    disk.fill();
    // Larger than a page, so it cannot slip into the last page of the log.
    const big = `written while full ${'x'.repeat(20_000)}`;
    fillFragment(writer.doc.getXmlFragment('summary'), big);
    await waitFor(() => writer.closeCodes.includes(CloseCode.unavailable), { message: 'writer told 4503' });
    const full = await health(server);
    expect(full.status).toBe(503);
    expect(full.body.ok).toBe(false);
    expect(full.body.degraded!.join(' ')).toContain('no space left on the device');
    expect(logHas(server, 'cannot write to the data folder: no space left on the device')).toBe(true);
    expect(logHas(server, 'it was not sent to anyone')).toBe(true);
    // The reader was never sent the unstored edit, whatever reconnects happened meanwhile.
    expect(summaryOf(reader)).not.toContain('written while full');
    const create = await fetch(`${server.url}/api/postmortems`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'During the outage' }),
    });
    expect(create.status).toBe(503);
    // Still serving what it has: a new reader gets the stored text.
    const late = track(await connectClient(server.wsUrl, pm.id, pm.tokens.viewer));
    expect(summaryOf(late)).toContain('stored before');

    disk.free();
    // The writer's client keeps retrying; its edit is stored and reaches the reader, no restart.
    await waitFor(() => summaryOf(reader).includes('written while full'), { timeoutMs: 20_000, message: 'edit stored after room came back' });
    await waitFor(async () => (await health(server)).status === 200, { message: 'health back to ok' });
    expect(logHas(server, 'the data folder can be written again')).toBe(true);

    writer.destroy();
    reader.destroy();
    late.destroy();
    await server.close();
    server = await start(dataDir);
    const after = track(await connectClient(server.wsUrl, pm.id, pm.tokens.viewer));
    expect(summaryOf(after)).toContain('stored before');
    expect(summaryOf(after)).toContain('written while full');
  });
});

describe.skipIf(!canMount)('a read-only data folder', () => {
  it('serves documents read-only, refuses writes with 4503 and 503, and stores again once writable', { timeout: 90_000 }, async () => {
    const disk = mountTmpfs(4 * 1024 * 1024);
    cleanups.push(() => disk.unmount());
    const dataDir = path.join(disk.dir, 'data');
    const first = await startTestServer({ dataDir });
    const pm = await createPostmortemOverHttp(first.url);
    const client = await connectClient(first.wsUrl, pm.id, pm.tokens.participant);
    addTimelineEntry(client.doc, { body: 'stored while writable' });
    await waitFor(async () => (await first.store.getRevision(pm.id)) >= 1);
    client.destroy();
    await first.close();

    disk.remount('ro');
    cleanups.push(() => disk.remount('rw'));
    const server = await start(dataDir);
    const startHealth = await health(server);
    expect(startHealth.status).toBe(503);
    expect(startHealth.body.degraded!.join(' ')).toContain('read-only');
    expect(logHas(server, 'cannot write to the data folder: the file system is read-only')).toBe(true);

    const reader = track(await connectClient(server.wsUrl, pm.id, pm.tokens.viewer));
    expect(readSnapshot(reader.doc).timeline.map((e) => e.body)).toEqual(['stored while writable']);
    const writer = track(await connectClient(server.wsUrl, pm.id, pm.tokens.participant));
    addTimelineEntry(writer.doc, { body: 'written while read-only' });
    await waitFor(() => writer.closeCodes.includes(CloseCode.unavailable), { message: 'writer told 4503' });
    expect(readSnapshot(reader.doc).timeline.map((e) => e.body)).not.toContain('written while read-only');
    const create = await fetch(`${server.url}/api/postmortems`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'During the outage' }),
    });
    expect(create.status).toBe(503);

    disk.remount('rw');
    await waitFor(() => readSnapshot(reader.doc).timeline.some((e) => e.body === 'written while read-only'), {
      timeoutMs: 20_000,
      message: 'edit stored once writable',
    });
    await waitFor(async () => (await health(server)).status === 200, { message: 'health back to ok' });
  });
});

describe('a corrupt snapshot', () => {
  it('refuses that document with 4503, never writes over the file, keeps a copy, and serves the others', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTestServer({ dataDir });
    const damaged = await createPostmortemOverHttp(first.url, { title: 'Damaged' });
    const healthy = await createPostmortemOverHttp(first.url, { title: 'Healthy' });
    const client = await connectClient(first.wsUrl, damaged.id, damaged.tokens.participant);
    fillFragment(client.doc.getXmlFragment('summary'), 'in the snapshot');
    await waitFor(async () => (await first.store.getRevision(damaged.id)) >= 1);
    client.destroy();
    await first.close(); // compacts into snapshot.bin

    const snapshotPath = path.join(dataDir, 'docs', damaged.id, 'snapshot.bin');
    const bytes = fs.readFileSync(snapshotPath);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    fs.writeFileSync(snapshotPath, bytes);

    const server = await start(dataDir);
    const refused = track(await connectClient(server.wsUrl, damaged.id, damaged.tokens.participant, { waitSynced: false }));
    await waitFor(() => refused.closeCodes.includes(CloseCode.unavailable), { message: 'document refused with 4503' });
    const report = await health(server);
    expect(report.status).toBe(503);
    expect(report.body.degraded!.some((p) => p.includes(damaged.id) && p.includes('snapshot.bin'))).toBe(true);
    expect(logHas(server, 'snapshot does not verify')).toBe(true);

    // The other postmortem is untouched by it.
    const other = track(await connectClient(server.wsUrl, healthy.id, healthy.tokens.participant));
    fillFragment(other.doc.getXmlFragment('impact'), '40% of checkouts failed');
    await waitFor(async () => (await server.store.getRevision(healthy.id)) >= 1);

    refused.destroy();
    other.destroy();
    await server.close();
    expect(fs.readFileSync(snapshotPath).equals(bytes)).toBe(true);
    const copies = fs.readdirSync(path.dirname(snapshotPath)).filter((f) => f.startsWith('snapshot.bin.corrupt-'));
    expect(copies).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(snapshotPath), copies[0]!)).equals(bytes)).toBe(true);
  });
});

describe('a corrupt record in the middle of the log', () => {
  it('keeps every readable record, keeps the damaged file aside, logs it and reports degraded', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTestServer({ dataDir });
    const pm = await createPostmortemOverHttp(first.url);
    const docDir = path.join(dataDir, 'docs', pm.id);
    const createdSnapshot = fs.readFileSync(path.join(docDir, 'snapshot.bin'));
    // Three people, three roots: no update depends on another.
    const edits: [string, (c: TestClient) => void][] = [
      ['alpha', (c) => fillFragment(c.doc.getXmlFragment('summary'), 'alpha')],
      ['beta', (c) => addTimelineEntry(c.doc, { body: 'beta' })],
      ['gamma', (c) => fillFragment(c.doc.getXmlFragment('impact'), 'gamma')],
    ];
    for (const [i, [, edit]] of edits.entries()) {
      const c = await connectClient(first.wsUrl, pm.id, pm.tokens.participant);
      edit(c);
      await waitFor(async () => (await first.store.getRevision(pm.id)) >= i + 1);
      c.destroy();
    }
    // The files as a crash would have left them: the first snapshot and an uncompacted log.
    const wal = fs.readFileSync(path.join(docDir, 'wal.log'));
    await first.close();
    const secondRecord = 16 + wal.readUInt32LE(0);
    wal[secondRecord + 18] = wal[secondRecord + 18]! ^ 0xff; // a payload byte of the second record: its checksum fails
    fs.writeFileSync(path.join(docDir, 'snapshot.bin'), createdSnapshot);
    fs.writeFileSync(path.join(docDir, 'wal.log'), wal);

    const server = await start(dataDir);
    const reader = track(await connectClient(server.wsUrl, pm.id, pm.tokens.participant));
    const snap = readSnapshot(reader.doc);
    // Seeded documents start with an empty paragraph, hence trim().
    expect(snap.text.summary.trim()).toBe('alpha');
    expect(snap.text.impact.trim()).toBe('gamma');
    expect(snap.timeline.map((e) => e.body)).toEqual([]);
    expect(logHas(server, 'corrupt records in the middle')).toBe(true);
    const report = await health(server);
    expect(report.status).toBe(503);
    expect(report.body.degraded!.some((p) => p.includes(pm.id) && p.includes('write-ahead log'))).toBe(true);
    const aside = fs.readdirSync(docDir).filter((f) => f.startsWith('wal.log.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(docDir, aside[0]!)).equals(wal)).toBe(true);

    // It goes on storing new edits, and they survive a restart with what was read.
    fillFragment(reader.doc.getXmlFragment('trigger'), 'delta');
    await waitFor(async () => (await server.store.getRevision(pm.id)) >= 4);
    reader.destroy();
    await server.close();
    const again = await start(dataDir);
    const check = track(await connectClient(again.wsUrl, pm.id, pm.tokens.viewer));
    const text = readSnapshot(check.doc).text;
    expect([text.summary.trim(), text.impact.trim(), text.trigger.trim()]).toEqual(['alpha', 'gamma', 'delta']);
  });
});
