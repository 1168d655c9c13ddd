/**
 * The server's checks runner against the real worker thread and the embedded store: after the
 * first run it sends the worker only what changed, and every stored report must still equal the
 * engine's report on the whole document, including after the worker lost its copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckRunner } from '../../server/checks/check-runner.ts';
import { Room } from '../../server/collab/room.ts';
import { createLogger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { EmbeddedStore } from '../../server/storage/embedded/embedded-store.ts';
import { runChecks } from '../../shared/checks/engine.ts';
import type { Finding } from '../../shared/checks/types.ts';
import { fillFragment } from '../../shared/schema/document.ts';
import { ROOTS } from '../../shared/schema/roots.ts';
import { readSnapshot } from '../../shared/schema/snapshot.ts';

const silent = createLogger('silent');
let dataDir: string;
let store: EmbeddedStore;
let runner: CheckRunner;
let room: Room;

/** What a report says, without the parts that depend on when it ran. */
const gist = (findings: readonly Finding[]) => findings.map((f) => `${f.rule}|${f.section}|${f.excerpt}`).sort();

/** The engine's findings on the room's whole document, in this thread. */
function expected(): string[] {
  return gist(runChecks({ snapshot: readSnapshot(room.doc), roster: [], now: new Date().toISOString() }).findings);
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-runner-'));
  store = await EmbeddedStore.open({ dataDir, logger: silent });
  runner = new CheckRunner({ store, logger: silent, settleMs: 10 });
  const { id } = await createPostmortem(store, { title: 'Checkout outage', severity: 'SEV2' });
  room = await Room.load(id, { store, logger: silent, compactAfterUpdates: 1_000 });
});

afterEach(async () => {
  await runner.close();
  room.destroy(1001, 'test over');
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const write = (root: (typeof ROOTS)[keyof typeof ROOTS], text: string) =>
  room.change((doc) => {
    const fragment = doc.getXmlFragment(root);
    fragment.delete(0, fragment.length);
    fillFragment(fragment, text);
  });

describe('checks runner', () => {
  it('reports on the whole document while sending the worker only the changes', async () => {
    await write(ROOTS.summary, 'John should have noticed the alert.');
    const first = await runner.run(room);
    expect(gist(first.findings)).toEqual(expected());
    expect(first.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['named-individual', 'counterfactual']));

    // Only the impact changed: the summary's finding comes from the worker's own copy.
    await write(ROOTS.impact, 'We should have rolled back immediately.');
    const second = await runner.run(room);
    expect(gist(second.findings)).toEqual(expected());
    expect(gist(second.findings)).toEqual(expect.arrayContaining(['named-individual|summary|John', expect.stringMatching(/^counterfactual\|impact\|/)]));

    // Replacing the summary deletes what the worker's copy holds: the change carries the deletion.
    await write(ROOTS.summary, 'The outage was caused by human error.');
    const third = await runner.run(room);
    expect(gist(third.findings)).toEqual(expected());
    expect(third.findings.some((f) => f.rule === 'named-individual')).toBe(false);
    expect(third.findings.map((f) => f.rule)).toContain('human-error-cause');
    expect(third.revision).toBe(room.revision);
    expect((await store.getCheckReport(room.id))?.revision).toBe(room.revision);
  });

  it('sends the whole state again when the worker no longer holds the document', async () => {
    await write(ROOTS.summary, 'Priya forgot to drain the node.');
    await runner.run(room);
    // As when the worker restarts or evicts the copy: it no longer holds the document.
    (runner as unknown as { worker: { forget(id: string): void } }).worker.forget(room.id);
    await write(ROOTS.prevention, 'Remind engineers to be more careful.');
    const report = await runner.run(room);
    expect(gist(report.findings)).toEqual(expected());
    expect(report.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['action-not-system-change']));

    // And after the server forgets the document (it was unloaded), the next run starts afresh.
    runner.forget(room.id);
    await write(ROOTS.summary, 'The alert fired but nobody was paged.');
    expect(gist((await runner.run(room)).findings)).toEqual(expected());
  });

  it('keeps concurrent runs of one document in order, each on its own revision', async () => {
    await write(ROOTS.summary, 'John should have noticed the alert.');
    const a = runner.run(room);
    await write(ROOTS.summary, 'The health check missed the degraded disk.');
    const b = runner.run(room);
    const [first, second] = await Promise.all([a, b]);
    expect(second.revision).toBeGreaterThan(first.revision);
    expect(gist(second.findings)).toEqual(expected());
    expect(gist(first.findings)).toContain('named-individual|summary|John');
  });

  it('answers real jobs while it warms up, with the same reports as a worker that did not', async () => {
    const warming = new CheckRunner({ store, logger: silent, settleMs: 10, warmUpRuns: 400 });
    try {
      await write(ROOTS.summary, 'John should have noticed the alert.');
      // Sent at once: answered between warm-up slices, long before 400 sample runs are done.
      const report = await warming.run(room);
      expect(gist(report.findings)).toEqual(expected());
      expect(gist(report.findings)).toContain('named-individual|summary|John');
      await write(ROOTS.impact, 'Obviously the disk was full.');
      expect(gist((await warming.run(room)).findings)).toEqual(expected());
    } finally {
      await warming.close();
    }
  });
});
