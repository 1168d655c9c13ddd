import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSnapshotFile, writeSnapshotFile, CorruptSnapshotError } from '../../server/storage/embedded/snapshot-file.ts';
import { WalWriter, decodeRecords, encodeRecord, readWal, truncateDamagedTail } from '../../server/storage/embedded/wal-file.ts';
import { tempDir } from '../helpers/server.ts';

const dirs: string[] = [];
function walPath(): string {
  const dir = tempDir('wal-');
  dirs.push(dir);
  return path.join(dir, 'wal.log');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const bytes = (...values: number[]) => new Uint8Array(values);

describe('write-ahead log', () => {
  it('replays appended records in order with their revisions', () => {
    const file = walPath();
    const wal = new WalWriter(file, false);
    wal.append(1, bytes(1, 2, 3));
    wal.append(2, bytes());
    wal.append(3, bytes(9));
    wal.close();
    const read = readWal(file);
    expect(read.records.map((r) => [r.revision, [...r.payload]])).toEqual([
      [1, [1, 2, 3]],
      [2, []],
      [3, [9]],
    ]);
    expect(read.damagedBytes).toBe(0);
  });

  it('reads a missing log as empty', () => {
    expect(readWal(walPath())).toEqual({ records: [], validLength: 0, damagedBytes: 0, damagedInMiddle: false });
  });

  it('keeps every intact record when the last one is torn, at any cut point', () => {
    const full = Buffer.concat([encodeRecord(1, bytes(1, 1)), encodeRecord(2, bytes(2, 2, 2, 2))]);
    const firstLength = encodeRecord(1, bytes(1, 1)).length;
    for (let cut = firstLength; cut < full.length; cut += 1) {
      const read = decodeRecords(full.subarray(0, cut));
      expect(read.records.map((r) => r.revision)).toEqual([1]);
      expect(read.validLength).toBe(firstLength);
      expect(read.damagedBytes).toBe(cut - firstLength);
      expect(read.damagedInMiddle).toBe(false);
    }
  });

  it('skips a record whose checksum does not match and keeps the intact records after it', () => {
    const good = encodeRecord(1, bytes(5, 6));
    const bad = encodeRecord(2, bytes(7, 8));
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    const read = decodeRecords(Buffer.concat([good, bad, encodeRecord(3, bytes(1)), encodeRecord(4, bytes(2))]));
    expect(read.records.map((r) => r.revision)).toEqual([1, 3, 4]);
    expect(read.validLength).toBe(good.length);
    expect(read.damagedBytes).toBe(bad.length);
    expect(read.damagedInMiddle).toBe(true);
  });

  it('finds the next record after a corrupt length field', () => {
    const bad = encodeRecord(2, bytes(7, 8, 9));
    bad.writeUInt32LE(0xfffffff0, 0);
    const read = decodeRecords(Buffer.concat([encodeRecord(1, bytes(1)), bad, encodeRecord(3, bytes(3))]));
    expect(read.records.map((r) => r.revision)).toEqual([1, 3]);
    expect(read.damagedInMiddle).toBe(true);
  });

  it('leaves the file as it was when an append fails', () => {
    const file = walPath();
    const wal = new WalWriter(file, false);
    wal.append(1, bytes(1));
    const size = fs.statSync(file).size;
    const writeSync = fs.writeSync;
    let calls = 0;
    // A disk that fills up mid-record: the first write goes through in part, the next fails.
    const spy = (fd: number, buffer: Uint8Array, offset?: number) => {
      calls += 1;
      if (calls === 1) return writeSync(fd, buffer, offset, 5);
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    (fs as { writeSync: unknown }).writeSync = spy;
    try {
      expect(() => wal.append(2, bytes(2, 2, 2, 2, 2, 2, 2, 2))).toThrow(/no space/);
    } finally {
      (fs as { writeSync: unknown }).writeSync = writeSync;
    }
    expect(fs.statSync(file).size).toBe(size);
    wal.append(3, bytes(3));
    wal.close();
    const read = readWal(file);
    expect(read.records.map((r) => r.revision)).toEqual([1, 3]);
    expect(read.damagedBytes).toBe(0);
  });

  it('cuts a damaged tail but keeps the original file beside it', () => {
    const file = walPath();
    fs.writeFileSync(file, Buffer.concat([encodeRecord(1, bytes(1)), Buffer.from([1, 2, 3])]));
    const read = readWal(file);
    const aside = truncateDamagedTail(file, read.validLength);
    expect(fs.statSync(file).size).toBe(read.validLength);
    expect(fs.statSync(aside).size).toBe(read.validLength + 3);
    const wal = new WalWriter(file, false);
    wal.append(2, bytes(2));
    wal.close();
    expect(readWal(file).records.map((r) => r.revision)).toEqual([1, 2]);
  });

  it('compaction drops records up to the snapshot revision and keeps later ones', () => {
    const file = walPath();
    const wal = new WalWriter(file, true);
    for (let rev = 1; rev <= 5; rev += 1) wal.append(rev, bytes(rev));
    wal.dropThrough(3);
    wal.append(6, bytes(6));
    wal.close();
    expect(readWal(file).records.map((r) => r.revision)).toEqual([4, 5, 6]);
  });
});

describe('snapshot file', () => {
  it('round-trips state and revision', () => {
    const file = walPath().replace('wal.log', 'snapshot.bin');
    writeSnapshotFile(file, { revision: 42, state: bytes(1, 2, 3) });
    const snap = readSnapshotFile(file);
    expect(snap?.revision).toBe(42);
    expect([...(snap?.state ?? [])]).toEqual([1, 2, 3]);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it('refuses a corrupted snapshot instead of reading garbage', () => {
    const file = walPath().replace('wal.log', 'snapshot.bin');
    writeSnapshotFile(file, { revision: 1, state: bytes(1, 2, 3) });
    const data = fs.readFileSync(file);
    data[data.length - 1] = data[data.length - 1]! ^ 0xff;
    fs.writeFileSync(file, data);
    expect(() => readSnapshotFile(file)).toThrow(CorruptSnapshotError);
  });
});
