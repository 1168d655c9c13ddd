import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { EmbeddedStore } from '../../server/storage/embedded/embedded-store.ts';
import { tempDir } from '../helpers/server.ts';
import { storeContract } from './store-contract.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(dataDir: string, lines: string[] = []) {
  return EmbeddedStore.open({ dataDir, logger: createLogger('debug', (l) => lines.push(l)), indexWriteDelayMs: 60_000 });
}

describe('embedded store', () => {
  it('rebuilds index entries that a crash kept from being written', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const crashed = await open(dataDir);
    const { id } = await createPostmortem(crashed, { title: 'Queue backlog', severity: 'SEV2' });
    // No close(): the debounced index write never happened, as after kill -9.
    expect(fs.existsSync(path.join(dataDir, 'index.json'))).toBe(false);

    const lines: string[] = [];
    const reopened = await open(dataDir, lines);
    expect(await reopened.getIndexEntry(id)).toMatchObject({ id, title: 'Queue backlog', severity: 'SEV2', status: 'draft' });
    expect(lines.some((l) => l.includes('missing from the index'))).toBe(true);
    await reopened.close();
  });

  it('keeps a corrupt index aside and rebuilds it from the documents', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const store = await open(dataDir);
    const { id } = await createPostmortem(store, { title: 'DNS failure' });
    await store.close();
    fs.writeFileSync(path.join(dataDir, 'index.json'), '{"version":1,"postm');

    const reopened = await open(dataDir);
    expect((await reopened.getIndexEntry(id))?.title).toBe('DNS failure');
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('index.json.corrupt-'))).toBe(true);
    await reopened.close();
  });
});

storeContract('embedded', async () => {
  const dataDir = tempDir();
  return {
    open: () => open(dataDir),
    dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});
