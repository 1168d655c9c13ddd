/** The Markdown reader's worker thread: reads one file per message, off the socket loop. */
import { parentPort } from 'node:worker_threads';
import { MarkdownNestingError, parsePostmortemMarkdown } from '../../shared/markdown/index.ts';
import type { ReadJob, ReadResult, ReaderMessage } from './reader-messages.ts';

parentPort!.on('message', ({ jobId, text }: ReadJob) => {
  let result: ReadResult;
  try {
    result = { jobId, ok: true, parsed: parsePostmortemMarkdown(text) };
  } catch (error) {
    result = { jobId, ok: false, refused: error instanceof MarkdownNestingError, message: (error as Error).message };
  }
  parentPort!.postMessage({ type: 'result', result } satisfies ReaderMessage);
});
// The time limit counts from here on: loading the parser is not the file's fault.
parentPort!.postMessage({ type: 'ready' } satisfies ReaderMessage);
