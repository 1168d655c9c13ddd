/**
 * The crash loop: a real server process, real y-websocket clients editing two postmortems,
 * kill -9 at a random moment, restart, and check that every update any client had received from
 * the server is there and that every stored document loads. CRASH_CYCLES sets the number of
 * cycles (3 inside `npm test`, 50 in `npm run test:crash`); CRASH_SEED repeats a run's timings.
 */
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { readSnapshot } from '../../shared/schema/index.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { connectClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, tempDir } from '../helpers/server.ts';
import { marksIn, seededRng, startSession } from './crash-session.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
// Small enough that kills also land during compactions and unloads.
const SERVER_ENV = { COMPACT_AFTER_UPDATES: '25', UNLOAD_DELAY_MS: '20', CHECKS_SETTLE_MS: '50', LOG_LEVEL: 'warn' };

const dataDir = tempDir('second-story-crash-');
let server: ChildServer | null = null;
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it(`keeps every observed update across ${CYCLES} kill -9 cycles (seed ${SEED})`, { timeout: 60_000 + CYCLES * 30_000 }, async () => {
  const rng = seededRng(SEED);
  const started = Date.now();
  server = await startChildServer(dataDir, SERVER_ENV);
  const postmortems = [
    await createPostmortemOverHttp(server.url, { title: 'Crash loop A', severity: 'SEV2' }),
    await createPostmortemOverHttp(server.url, { title: 'Crash loop B', severity: 'SEV3' }),
  ];
  const observed = new Map(postmortems.map((pm) => [pm.id, new Set<string>()]));
  let edits = 0;
  let checks = 0;

  for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
    const session = await startSession(server.wsUrl, postmortems, { cycle, writersPerDoc: 3, rng });
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(rng() * 400)));
    await server.kill9();
    const seen = await session.collect();
    edits += session.edits;
    for (const [id, marks] of seen) for (const mark of marks) observed.get(id)!.add(mark);

    server = await startChildServer(dataDir, SERVER_ENV);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status, `cycle ${cycle}: health after restart`).toBe(200);
    const readers = await Promise.all(postmortems.map((pm) => connectClient(server!.wsUrl, pm.id, pm.tokens.viewer, { name: 'verifier' })));
    for (const [i, pm] of postmortems.entries()) {
      // Every stored document loads: the socket syncs, and the text is all there.
      const reader = readers[i]!;
      const present = marksIn(reader.doc);
      const missing = [...observed.get(pm.id)!].filter((mark) => !present.has(mark));
      expect(missing, `cycle ${cycle} (seed ${SEED}): observed updates missing after restart`).toEqual([]);
      expect(readSnapshot(reader.doc).meta.title).toMatch(/^Crash loop/);
      checks += observed.get(pm.id)!.size;
      reader.destroy();
    }
    expect(server.output.filter((line) => line.includes('could not load document'))).toEqual([]);
  }

  const total = [...observed.values()].reduce((n, marks) => n + marks.size, 0);
  expect(total).toBeGreaterThan(0);
  console.log(
    `crash loop: ${CYCLES} cycles, ${edits} edits made, ${total} distinct observed updates, ` +
      `${checks} presence checks after restarts, ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`,
  );
});
