/**
 * A document's snapshot file: [magic "SSS1"][u32 crc32][f64 revision][Yjs state]. Written to a
 * temporary file, fsynced and renamed, so a crash leaves either the old or the new snapshot.
 */
import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { replaceFileDurably } from './durable-file.ts';

const MAGIC = Buffer.from('SSS1', 'ascii');
const HEADER = 16;

export interface Snapshot {
  revision: number;
  state: Uint8Array;
}

export class CorruptSnapshotError extends Error {
  constructor(file: string, why: string) {
    super(`corrupt snapshot ${file}: ${why}`);
    this.name = 'CorruptSnapshotError';
  }
}

/** Reads a snapshot; null when there is none; throws CorruptSnapshotError when it does not verify. */
export function readSnapshotFile(file: string): Snapshot | null {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (data.length < HEADER || !data.subarray(0, 4).equals(MAGIC)) throw new CorruptSnapshotError(file, 'bad header');
  const state = data.subarray(HEADER);
  if (crc32(state, crc32(data.subarray(8, 16))) !== data.readUInt32LE(4)) throw new CorruptSnapshotError(file, 'checksum');
  return { revision: data.readDoubleLE(8), state: new Uint8Array(state) };
}

/** Reads only the revision from a snapshot's header (0 when there is none). */
export function readSnapshotRevision(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  try {
    const header = Buffer.alloc(HEADER);
    fs.readSync(fd, header, 0, HEADER, 0);
    return header.subarray(0, 4).equals(MAGIC) ? header.readDoubleLE(8) : 0;
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a snapshot atomically and durably. */
export function writeSnapshotFile(file: string, snapshot: Snapshot): void {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeDoubleLE(snapshot.revision, 8);
  header.writeUInt32LE(crc32(snapshot.state, crc32(header.subarray(8, 16))), 4);
  replaceFileDurably(file, [header, snapshot.state]);
}
