/** Reads an input file as UTF-8 text, refusing what is not a readable, reasonably sized text file. */
import { open } from 'node:fs/promises';
import { MAX_NESTING, nestingDepth, TOO_DEEP } from '../../shared/markdown/nesting.ts';

export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

function errorReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
}

/** A byte count as its exact size in the largest whole unit: "5 MB", "512 KB", "1000 bytes". */
export function byteSize(bytes: number): string {
  if (bytes > 0 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes > 0 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/**
 * The file's text, or one short reason why it cannot be linted. Never throws. Text with quotes or
 * lists nested deeper than the Markdown reader takes is refused here too, so that the command
 * line says so in one line instead of failing inside the reader.
 */
export async function readTextFile(path: string, options: { maxBytes?: number; allowEmpty?: boolean } = {}): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { ok: false, reason: errorReason(error) };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
    const tooLarge = `is larger than ${byteSize(maxBytes)}`;
    if (stat.isFile() && stat.size > maxBytes) return { ok: false, reason: tooLarge };
    // Read in chunks, so a pipe or a growing file cannot exceed the limit either.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { ok: false, reason: tooLarge };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.includes(0)) return { ok: false, reason: 'is a binary file, not Markdown text' };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, reason: 'is not UTF-8 text' };
    }
    if (text.trim() === '' && !options.allowEmpty) return { ok: false, reason: 'is empty' };
    if (nestingDepth(text, MAX_NESTING) > MAX_NESTING) return { ok: false, reason: `is ${TOO_DEEP}` };
    return { ok: true, text };
  } catch (error) {
    return { ok: false, reason: errorReason(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Names from a --people file: one per line, `#` starts a comment. */
export function parsePeople(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}
