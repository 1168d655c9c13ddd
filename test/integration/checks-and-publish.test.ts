import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChecksResponse, CreatePostmortemResponse } from '../../shared/api/types.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { addAction, fillFragment, readSnapshot, roots } from '../../shared/schema/index.ts';
import * as Y from 'yjs';
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

async function join(pm: CreatePostmortemResponse, role: 'facilitator' | 'participant' | 'viewer' = 'participant') {
  const client = await connectClient(server.wsUrl, pm.id, pm.tokens[role]);
  clients.push(client);
  return client;
}

async function api<T>(pm: CreatePostmortemResponse, role: keyof CreatePostmortemResponse['tokens'], path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/postmortems/${pm.id}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${pm.tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function reportAt(pm: CreatePostmortemResponse, revision: number, role: 'facilitator' | 'viewer' = 'viewer') {
  return waitFor(async () => {
    const { body } = await api<ChecksResponse>(pm, role, '/checks');
    return body.revision >= revision ? body : null;
  }, { message: `report for revision ${revision}` });
}

/** Fills every section so that only what a test adds can block publishing. */
function writeCleanPostmortem(doc: Y.Doc): void {
  for (const [root, text] of [
    ['summary', 'Checkout failed for 42 minutes for EU customers.'],
    ['impact', '1,240 orders failed over 42 minutes.'],
    ['detection', 'The first page came 11 minutes after errors began.'],
    ['control', 'Config changes skip the canary stage.'],
    ['trigger', 'A config change lowered the pool limit.'],
    ['systemGap', 'Config and code take different paths to production.'],
    ['prevention', 'Canary analysis for config changes (A1) stops a bad value reaching every region.'],
  ] as const) {
    fillFragment(doc.getXmlFragment(root), text);
  }
  addAction(doc, { action: 'Run canary analysis for config changes', kind: 'automation', owner: 'Deploy tooling', due: '2099-01-15' });
}

describe('checks on save', () => {
  it('a new postmortem has a report at revision 0 listing its empty sections', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const { status, body } = await api<ChecksResponse>(pm, 'viewer', '/checks');
    expect(status).toBe(200);
    expect(body.revision).toBe(0);
    expect(body.findings.map((f) => f.rule)).toContain('prevention-empty');
    expect(body.findings.some((f) => f.rule === 'section-empty' && f.section === 'impact')).toBe(true);
  });

  it('stores a report for the revision after edits settle, served by both endpoints', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const client = await join(pm);
    fillFragment(client.doc.getXmlFragment('impact'), 'Massive impact on many customers.');
    const revision = await waitFor(async () => (await server.store.getRevision(pm.id)) || null);
    const report = await reportAt(pm, revision);
    const vague = report.findings.filter((f) => f.rule === 'impact-without-numbers');
    expect(vague.map((f) => f.excerpt)).toEqual(['Massive', 'many']);
    expect(vague[0]).toMatchObject({ severity: 'warning', section: 'impact', location: { field: { kind: 'root', root: 'impact' } } });
    expect(vague[0]!.message.length).toBeGreaterThan(0);
    expect(vague[0]!.reason.length).toBeGreaterThan(0);

    const { body } = await api<{ revision: number; checks: ChecksResponse }>(pm, 'participant', '');
    expect(body.checks.revision).toBe(report.revision);
    expect(body.checks.findings.length).toBe(report.findings.length);
  });

  it('flags a named person and a counterfactual typed into a rich-text section by a real client', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const client = await join(pm);
    fillFragment(client.doc.getXmlFragment('detection'), 'John should have noticed the alert.');
    await waitFor(() => readSnapshot(client.doc).text.detection.includes('John'), { message: 'written locally' });
    const revision = await waitFor(async () => (await server.store.getRevision(pm.id)) || null, { message: 'stored' });
    const report = await reportAt(pm, revision);
    const inDetection = report.findings.filter((f) => f.section === 'detection');
    const named = inDetection.find((f) => f.rule === 'named-individual');
    const counterfactual = inDetection.find((f) => f.rule === 'counterfactual');
    expect(named, JSON.stringify(inDetection.map((f) => f.rule))).toBeDefined();
    expect(counterfactual, JSON.stringify(inDetection.map((f) => f.rule))).toBeDefined();
    expect(named).toMatchObject({ severity: 'error', excerpt: 'John', location: { field: { kind: 'root', root: 'detection' } } });
    expect(counterfactual!.excerpt).toMatch(/should have/i);
    for (const f of [named!, counterfactual!]) {
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.reason.length).toBeGreaterThan(0);
    }
    // The stored report is what GET /api/postmortems/:id carries too.
    const { body } = await api<{ checks: ChecksResponse }>(pm, 'participant', '');
    expect(body.checks.findings.map((f) => f.id)).toEqual(expect.arrayContaining([named!.id, counterfactual!.id]));
  });

  it('a facilitator dismisses a finding with a reason; others never see the reason; it returns when the text changes', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const client = await join(pm);
    fillFragment(client.doc.getXmlFragment('impact'), 'Significant latency in search.');
    const report = await reportAt(pm, 1);
    const finding = report.findings.find((f) => f.rule === 'impact-without-numbers')!;

    expect((await api(pm, 'participant', `/checks/${finding.id}/dismiss`, { reason: 'We measure this elsewhere' })).status).toBe(403);
    expect((await api(pm, 'facilitator', `/checks/${finding.id}/dismiss`, {})).status).toBe(400);
    expect((await api(pm, 'facilitator', '/checks/nope/dismiss', { reason: 'false positive' })).status).toBe(404);
    expect((await api(pm, 'facilitator', `/checks/${finding.id}/dismiss`, { reason: 'Latency numbers are in the linked dashboard' })).status).toBe(200);

    const asViewer = (await api<ChecksResponse>(pm, 'viewer', '/checks')).body;
    expect(asViewer.findings.map((f) => f.id)).not.toContain(finding.id);
    expect(JSON.stringify(asViewer)).not.toContain('linked dashboard');
    const asFacilitator = (await api<ChecksResponse>(pm, 'facilitator', '/checks')).body;
    expect(asFacilitator.dismissed?.map((f) => [f.id, f.dismissal.reason])).toEqual([[finding.id, 'Latency numbers are in the linked dashboard']]);

    // Unchanged text elsewhere keeps it dismissed; changing the flagged sentence brings a new finding.
    fillFragment(client.doc.getXmlFragment('summary'), 'Search was slow.');
    const later = await reportAt(pm, 2);
    expect(later.findings.map((f) => f.id)).not.toContain(finding.id);
    const impact = client.doc.getXmlFragment('impact');
    impact.delete(0, impact.length);
    fillFragment(impact, 'Significant latency in search for everyone.');
    const changed = await reportAt(pm, 4);
    expect(changed.findings.some((f) => f.rule === 'impact-without-numbers')).toBe(true);
  });
});

describe('publish gate', () => {
  it('answers 409 with the blocking findings, publishes with an override reason, then refuses every write', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const participant = await join(pm);
    writeCleanPostmortem(participant.doc);
    // An action without owner or due date is an error finding.
    addAction(participant.doc, { action: 'Add a saturation alert for the pool', kind: 'control' });
    await waitFor(async () => (await server.store.getRevision(pm.id)) >= 9);

    expect((await api(pm, 'participant', '/publish', {})).status).toBe(403);
    const blocked = await api<{ error: { code: string; findings: { rule: string; severity: string }[] } }>(pm, 'facilitator', '/publish', {});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('conflict');
    expect(blocked.body.error.findings.map((f) => f.rule)).toContain('action-untracked');
    expect(blocked.body.error.findings.every((f) => f.severity === 'error')).toBe(true);

    const published = await api<{ ok: boolean; overrideReason: string }>(pm, 'facilitator', '/publish', {
      overrideReason: 'The owner is being assigned in the planning meeting on Monday',
    });
    expect(published.status).toBe(200);
    expect(published.body.overrideReason).toBe('The owner is being assigned in the planning meeting on Monday');
    await waitFor(() => readSnapshot(participant.doc).moderation.status === 'published', { message: 'status reaches clients' });

    const info = await api<{ status: string; publish?: { overrideReason: string } }>(pm, 'facilitator', '');
    expect(info.body).toMatchObject({ status: 'published', publish: { overrideReason: 'The owner is being assigned in the planning meeting on Monday' } });
    expect((await api<{ publish?: unknown }>(pm, 'participant', '')).body.publish).toBeUndefined();
    expect((await api(pm, 'facilitator', '/publish', {})).status).toBe(409);

    // Writes after publishing are refused, the facilitator's too.
    const facilitator = await join(pm, 'facilitator');
    roots(facilitator.doc).meta.set('title', 'Changed after publishing');
    await waitFor(() => facilitator.closeCodes.includes(CloseCode.writeRefused), { message: 'write refused' });
    const probe = await join(pm, 'viewer');
    expect(readSnapshot(probe.doc).meta.title).toBe('Checkout outage');
  });

  it('publishes without an override when nothing blocks', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const participant = await join(pm);
    writeCleanPostmortem(participant.doc);
    await waitFor(async () => (await server.store.getRevision(pm.id)) >= 8);
    const res = await api<{ ok: boolean; overrideReason: null; error?: unknown }>(pm, 'facilitator', '/publish', {});
    expect(res.body.error ?? null).toBeNull();
    expect(res.status).toBe(200);
    expect(res.body.overrideReason).toBeNull();
  });

  it('refuses dismissing or restoring a finding once published, in the contract error shape', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const participant = await join(pm);
    fillFragment(participant.doc.getXmlFragment('impact'), 'Significant latency in search.');
    const report = await reportAt(pm, 1);
    const vague = report.findings.find((f) => f.rule === 'impact-without-numbers')!;
    const other = report.findings.find((f) => f.id !== vague.id)!;
    expect((await api(pm, 'facilitator', `/checks/${vague.id}/dismiss`, { reason: 'Numbers are on the dashboard' })).status).toBe(200);
    const published = await api(pm, 'facilitator', '/publish', { overrideReason: 'Published as is for the review meeting' });
    expect(published.status).toBe(200);

    type ErrorReply = { error: { code: string; message: string } };
    const dismiss = await api<ErrorReply>(pm, 'facilitator', `/checks/${other.id}/dismiss`, { reason: 'Too late for this' });
    const restore = await api<ErrorReply>(pm, 'facilitator', `/checks/${vague.id}/restore`, {});
    for (const reply of [dismiss, restore]) {
      expect(reply.status).toBe(409);
      expect(Object.keys(reply.body)).toEqual(['error']);
      expect(reply.body.error.code).toBe('conflict');
      expect(reply.body.error.message).toMatch(/published/);
    }
    // Nothing changed: the dismissal stands and the other finding is not dismissed.
    const asFacilitator = (await api<ChecksResponse>(pm, 'facilitator', '/checks')).body;
    expect(asFacilitator.dismissed?.map((f) => f.id)).toEqual([vague.id]);
    expect(asFacilitator.findings.map((f) => f.id)).toContain(other.id);
    // A participant still gets its role's answer first.
    expect((await api(pm, 'participant', `/checks/${other.id}/dismiss`, { reason: 'x' })).status).toBe(403);
  });
});
