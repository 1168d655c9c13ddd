/**
 * A document's write-ahead log: an append-only file of records
 *   [u32 payload length][u32 crc32 of revision+payload][f64 revision][payload]
 * Appends are synchronous writes, so a record is in the OS page cache (and survives a process
 * crash) before the update is broadcast; with fsync on it also survives power loss.
 */
import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { replaceFileDurably } from './durable-file.ts';

const HEADER = 16;

export interface WalRecord {
  revision: number;
  payload: Uint8Array;
}

export interface WalReadResult {
  records: WalRecord[];
  /** Byte length of the intact prefix. */
  validLength: number;
  /** Bytes that belong to no intact record (a torn tail, or corrupt records anywhere). */
  damagedBytes: number;
  /** True when intact records follow damaged bytes: corruption inside the log, not a torn tail. */
  damagedInMiddle: boolean;
}

/** The checksum of a record: CRC-32 of its revision and payload, which lie side by side from byte 8. */
function checksum(revisionAndPayload: Uint8Array): number {
  return crc32(revisionAndPayload);
}

/** Encodes one record. */
export function encodeRecord(revision: number, payload: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(HEADER + payload.length);
  buf.writeUInt32LE(payload.length, 0);
  buf.writeDoubleLE(revision, 8);
  buf.set(payload, HEADER);
  buf.writeUInt32LE(checksum(buf.subarray(8)), 4);
  return buf;
}

/** The record at `offset` if it is whole, verifies and comes after `after`; else null. */
function recordAt(buf: Buffer, offset: number, after: number): { record: WalRecord; end: number } | null {
  if (offset + HEADER > buf.length) return null;
  const end = offset + HEADER + buf.readUInt32LE(offset);
  if (end > buf.length) return null;
  const revision = buf.readDoubleLE(offset + 8);
  if (!Number.isInteger(revision) || revision <= after) return null;
  // One checksum call per record and no copy of the payload: a cold open reads 20,000 records.
  if (checksum(buf.subarray(offset + 8, end)) !== buf.readUInt32LE(offset + 4)) return null;
  return { record: { revision, payload: buf.subarray(offset + HEADER, end) }, end };
}

/**
 * Decodes every intact record. After a record that does not verify, it looks byte by byte for
 * the next one that does (with a higher revision), so one corrupt record costs only itself.
 */
export function decodeRecords(data: Uint8Array): WalReadResult {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const records: WalRecord[] = [];
  let offset = 0;
  let validLength = -1;
  let damagedBytes = 0;
  let damagedInMiddle = false;
  let last = -1;
  while (offset < buf.length) {
    const found = recordAt(buf, offset, last);
    if (found) {
      if (damagedBytes > 0) damagedInMiddle = true;
      records.push(found.record);
      last = found.record.revision;
      offset = found.end;
      continue;
    }
    if (validLength < 0) validLength = offset;
    damagedBytes += 1;
    offset += 1;
  }
  return { records, validLength: validLength < 0 ? offset : validLength, damagedBytes, damagedInMiddle };
}

/** Reads a log file; a missing file is an empty log. */
export function readWal(file: string): WalReadResult {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validLength: 0, damagedBytes: 0, damagedInMiddle: false };
    throw err;
  }
  return decodeRecords(data);
}

/**
 * An open log, appended to synchronously. The file is opened on the first append, so a document
 * in a read-only data folder can still be loaded and read.
 */
export class WalWriter {
  private fd: number | null = null;
  private size = 0;
  /** A failed append left bytes that must be cut off before the next one. */
  private tornAt: number | null = null;

  constructor(
    private readonly file: string,
    private readonly fsyncEachAppend: boolean,
  ) {}

  private handle(): number {
    if (this.fd === null) {
      this.fd = fs.openSync(this.file, 'a');
      this.size = fs.fstatSync(this.fd).size;
    }
    return this.fd;
  }

  /**
   * Appends one record, or throws and leaves the file as it was: a partial record (a full disk
   * mid-write) is cut off again, since every later record would sit unreadable behind it.
   */
  append(revision: number, payload: Uint8Array): void {
    const fd = this.handle();
    if (this.tornAt !== null) {
      fs.ftruncateSync(fd, this.tornAt);
      this.tornAt = null;
    }
    const record = encodeRecord(revision, payload);
    let written = 0;
    try {
      while (written < record.length) written += fs.writeSync(fd, record, written);
      if (this.fsyncEachAppend) fs.fdatasyncSync(fd);
    } catch (err) {
      this.cutBackTo(fd, this.size);
      throw err;
    }
    this.size += record.length;
  }

  private cutBackTo(fd: number, size: number): void {
    try {
      if (fs.fstatSync(fd).size !== size) fs.ftruncateSync(fd, size);
    } catch {
      this.tornAt = size;
    }
  }

  get bytes(): number {
    return this.size;
  }

  /** Keeps only records after `revision` (they were not in the snapshot just written). */
  dropThrough(revision: number): void {
    const kept = readWal(this.file).records.filter((r) => r.revision > revision);
    writeWalFile(this.file, kept);
    this.close();
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Replaces a log with `records` through a synced temporary file and a rename, so a crash leaves
 * the old or the new log; the temporary file is removed if that fails.
 */
export function writeWalFile(file: string, records: WalRecord[]): void {
  replaceFileDurably(file, records.map((r) => encodeRecord(r.revision, r.payload)));
}

/** Copies a damaged log aside, whole, before anything is cut from it; returns the copy's path. */
export function keepAside(file: string, label: string): string {
  const aside = `${file}.${label}-${Date.now()}`;
  fs.copyFileSync(file, aside);
  return aside;
}

/** Cuts a damaged tail off a log, first keeping the whole original beside it. */
export function truncateDamagedTail(file: string, validLength: number): string {
  const aside = keepAside(file, 'damaged');
  fs.truncateSync(file, validLength);
  return aside;
}
