/** Naming why the data folder cannot be written, and checking whether it can be again. */
import fs from 'node:fs';
import path from 'node:path';
import { writeAllAndSync } from './durable-file.ts';

const DESCRIPTIONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

/** True for errors that mean the folder cannot take writes (not, say, a bug in the caller). */
export function isWriteFailure(err: unknown): boolean {
  return errorCode(err) in DESCRIPTIONS;
}

export function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException | null)?.code ?? 'EUNKNOWN';
}

export function describeWriteError(code: string): string {
  return DESCRIPTIONS[code] ?? `write error ${code}`;
}

/** Size of the probe: enough that a disk with only a few bytes left still counts as full. */
const PROBE_BYTES = 64 * 1024;

/** Writes, syncs and removes a small file in `dataDir`; throws the write's error when it cannot. */
export function probeWritable(dataDir: string): void {
  const file = path.join(dataDir, '.write-probe');
  try {
    const fd = fs.openSync(file, 'w');
    try {
      // A nearly full disk takes part of a write without an error; the next part fails.
      writeAllAndSync(fd, [Buffer.alloc(PROBE_BYTES)]);
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // A read-only folder cannot even remove it; there is nothing there to remove then.
    }
  }
}
