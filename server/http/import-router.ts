/**
 * POST /api/postmortems/import: a Markdown postmortem (the template's layout or a real-world
 * variant) becomes a new postmortem, seeded with what the reader found. Answers like create,
 * plus what could not be placed.
 */
import express, { Router } from 'express';
import { MARKDOWN_TYPE, type ImportPostmortemResponse, type Role } from '../../shared/api/types.ts';
import { UNTITLED } from '../../shared/markdown/export.ts';
import type { ParsedPostmortem } from '../../shared/markdown/index.ts';
import { seedFromSnapshot } from '../../shared/schema/from-snapshot.ts';
import { createPostmortem, shareLink } from '../postmortems.ts';
import type { CheckRunner } from '../checks/check-runner.ts';
import { MarkdownRefusedError, type MarkdownReader } from '../markdown/markdown-reader.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { HttpError } from './errors.ts';

/** The longest title a postmortem may have (as on create). */
const MAX_TITLE = 200;

/** True when the text holds what no text file does: control characters other than tab, line feed, form feed and carriage return, or U+FFFD, which bytes that are not UTF-8 decode to. */
function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) return true;
  }
  return false;
}

/** The file read, or a 400 for what the reader refuses (nested too deeply, or too slow to read). */
async function parse(reader: MarkdownReader, body: string): Promise<ParsedPostmortem> {
  try {
    return await reader.read(body);
  } catch (error) {
    if (error instanceof MarkdownRefusedError) throw new HttpError(400, 'bad_request', error.message);
    throw error;
  }
}

/** The import route, mounted at /api/postmortems/import. */
export function importRouter(deps: { store: PostmortemStore; checks: CheckRunner; markdown: MarkdownReader; publicUrl: string | undefined; bodyLimitBytes: number }): Router {
  const router = Router();
  const text = express.text({ type: MARKDOWN_TYPE, limit: deps.bodyLimitBytes });

  router.post('/', text, async (req, res) => {
    // From the header, not req.is(): that answers null for an empty body, which deserves a 400.
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== MARKDOWN_TYPE) throw new HttpError(415, 'unsupported_media_type', `send the Markdown file as Content-Type: ${MARKDOWN_TYPE}`);
    const body: unknown = req.body;
    if (typeof body !== 'string' || body.trim() === '') throw new HttpError(400, 'bad_request', 'the request body is empty: send a Markdown postmortem');
    if (looksBinary(body)) throw new HttpError(400, 'bad_request', 'the request body is not UTF-8 Markdown text');

    const parsed = await parse(deps.markdown, body);
    if (Object.keys(parsed.positions.sections).length === 0) {
      throw new HttpError(400, 'bad_request', 'no postmortem found: start the file with "# Postmortem: <title>" and "## Summary"-style sections');
    }
    const snapshot = parsed.snapshot;
    const warnings = [...parsed.warnings];
    if (!snapshot.meta.title) snapshot.meta.title = UNTITLED;
    if (snapshot.meta.title.length > MAX_TITLE) {
      snapshot.meta.title = snapshot.meta.title.slice(0, MAX_TITLE).trimEnd();
      warnings.push(`The title was longer than ${MAX_TITLE} characters and was cut.`);
    }

    const { title, severity } = snapshot.meta;
    const { id, tokens } = await createPostmortem(
      deps.store,
      { title, severity },
      (doc, now) => seedFromSnapshot(doc, snapshot, now),
      (pmId, state, now) => deps.checks.checkNew(pmId, state, now),
    );
    const base = deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const links = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, shareLink(base, id, token)])) as Record<Role, string>;
    const answer: ImportPostmortemResponse = { id, tokens, links, unmapped: parsed.unmapped, warnings };
    res.status(201).location(`/api/postmortems/${id}`).json(answer);
  });

  return router;
}
