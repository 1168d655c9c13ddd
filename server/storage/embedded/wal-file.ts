/**
 * A document's write-ahead log: an append-only file of records
 *   [u32 payload length][u32 crc32 of revision+payload][f64 revision][payload]
 * Appends are synchronous writes, so a record is in the OS page cache (and survives a process
 * crash) before the update is broadcast; with fsync on it also survives power loss.
 */
import fs from 'node:fs';
import { crc32 } from 'node:zlib';

const HEADER = 16;

export interface WalRecord {
  revision: number;
  payload: Uint8Array;
}

export interface WalReadResult {
  records: WalRecord[];
  /** Byte length of the intact prefix. */
  validLength: number;
  /** Bytes after the intact prefix: a torn or corrupt tail. */
  damagedBytes: number;
}

function checksum(revisionBytes: Uint8Array, payload: Uint8Array): number {
  return crc32(payload, crc32(revisionBytes));
}

/** Encodes one record. */
export function encodeRecord(revision: number, payload: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(HEADER + payload.length);
  buf.writeUInt32LE(payload.length, 0);
  buf.writeDoubleLE(revision, 8);
  buf.writeUInt32LE(checksum(buf.subarray(8, 16), payload), 4);
  buf.set(payload, HEADER);
  return buf;
}

/** Decodes records up to the first torn or corrupt one. */
export function decodeRecords(data: Uint8Array): WalReadResult {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const records: WalRecord[] = [];
  let offset = 0;
  while (offset + HEADER <= buf.length) {
    const length = buf.readUInt32LE(offset);
    const end = offset + HEADER + length;
    if (end > buf.length) break;
    const revision = buf.readDoubleLE(offset + 8);
    const payload = buf.subarray(offset + HEADER, end);
    if (checksum(buf.subarray(offset + 8, offset + 16), payload) !== buf.readUInt32LE(offset + 4)) break;
    if (!Number.isInteger(revision) || revision < 0) break;
    records.push({ revision, payload: new Uint8Array(payload) });
    offset = end;
  }
  return { records, validLength: offset, damagedBytes: buf.length - offset };
}

/** Reads a log file; a missing file is an empty log. */
export function readWal(file: string): WalReadResult {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validLength: 0, damagedBytes: 0 };
    throw err;
  }
  return decodeRecords(data);
}

/** An open log, appended to synchronously. */
export class WalWriter {
  private fd: number;
  private size: number;

  constructor(
    private readonly file: string,
    private readonly fsyncEachAppend: boolean,
  ) {
    this.fd = fs.openSync(file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  /** Appends one record; throws (leaving the file as it was or with a torn tail) on I/O errors. */
  append(revision: number, payload: Uint8Array): void {
    const record = encodeRecord(revision, payload);
    let written = 0;
    while (written < record.length) written += fs.writeSync(this.fd, record, written);
    if (this.fsyncEachAppend) fs.fdatasyncSync(this.fd);
    this.size += record.length;
  }

  get bytes(): number {
    return this.size;
  }

  /** Keeps only records after `revision` (they were not in the snapshot just written). */
  dropThrough(revision: number): void {
    const kept = readWal(this.file).records.filter((r) => r.revision > revision);
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat(kept.map((r) => encodeRecord(r.revision, r.payload))));
    fs.closeSync(this.fd);
    fs.renameSync(tmp, this.file);
    this.fd = fs.openSync(this.file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** Cuts a damaged tail off a log, first keeping the whole original beside it. */
export function truncateDamagedTail(file: string, validLength: number): string {
  const aside = `${file}.damaged-${Date.now()}`;
  fs.copyFileSync(file, aside);
  fs.truncateSync(file, validLength);
  return aside;
}
