/** Whole-file writes the embedded store relies on: every byte written and synced before the file counts. */
import fs from 'node:fs';

/** Writes `chunks` to an open file, all of each (a nearly full disk takes part of a write), then fsyncs. */
export function writeAllAndSync(fd: number, chunks: readonly Uint8Array[]): void {
  for (const chunk of chunks) {
    let written = 0;
    while (written < chunk.length) written += fs.writeSync(fd, chunk, written);
  }
  fs.fsyncSync(fd);
}

/**
 * Replaces `file` with `chunks` through a synced temporary file and a rename, so a crash leaves
 * the old or the new file; a failed write (a full disk) removes the partial temporary file.
 */
export function replaceFileDurably(file: string, chunks: readonly Uint8Array[]): void {
  const tmp = `${file}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      writeAllAndSync(fd, chunks);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
