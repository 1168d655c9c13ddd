/**
 * Fills a data folder with many postmortems in the embedded store's on-disk layout
 * (docs/<id>/snapshot.bin via the store's own snapshot writer, docs/<id>/record.json, one
 * index.json), without rewriting the whole index after each one as EmbeddedStore.create does.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { writeSnapshotFile } from '../../server/storage/embedded/snapshot-file.ts';
import type { IndexEntry } from '../../server/storage/store.ts';
import { hashToken, newPostmortemId, newToken } from '../../server/tokens.ts';
import { seedPostmortem } from '../../shared/schema/document.ts';

/** `count` minimal entries: a title, SEV3, draft, created now. */
export function fillerEntries(count: number): IndexEntry[] {
  const createdAt = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    id: newPostmortemId(),
    title: `Filler ${i}`,
    severity: 'SEV3',
    status: 'draft',
    createdAt,
    updatedAt: createdAt,
  }));
}

/**
 * Writes one postmortem per entry. Every document is the same small seeded one: what is
 * measured with these stores reads the index and the records, not the documents.
 */
export function writePostmortems(dataDir: string, entries: readonly IndexEntry[]): void {
  const doc = new Y.Doc();
  seedPostmortem(doc, { title: 'Filler', severity: 'SEV3' });
  const template = path.join(dataDir, 'snapshot.template');
  writeSnapshotFile(template, { revision: 0, state: Y.encodeStateAsUpdate(doc) });
  doc.destroy();
  const postmortems: Record<string, IndexEntry> = {};
  for (const entry of entries) {
    const dir = path.join(dataDir, 'docs', entry.id);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(template, path.join(dir, 'snapshot.bin'));
    const tokenHashes = { facilitator: hashToken(newToken()), participant: hashToken(newToken()), viewer: hashToken(newToken()) };
    fs.writeFileSync(path.join(dir, 'record.json'), JSON.stringify({ id: entry.id, tokenHashes, createdAt: entry.createdAt, entry }, null, 2));
    postmortems[entry.id] = entry;
  }
  // Unindented, as the store writes it.
  fs.writeFileSync(path.join(dataDir, 'index.json'), JSON.stringify({ version: 1, postmortems }));
  fs.rmSync(template);
}
