/**
 * Deeply nested quotes and lists: measured before parsing and refused with a clear error, by the
 * reader and by the command line's input reader, instead of a stack overflow.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteSize, readTextFile } from '../../../server/cli/read-input.ts';
import { MarkdownNestingError, MAX_NESTING, nestingDepth, parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { isStackOverflow } from '../../../shared/markdown/nesting.ts';
import { fixture } from './fixtures.ts';

const HEAD = '# Postmortem: Deep\n\n## Summary\n';
/** About 20 KB of nesting each, as the audit's inputs. */
const DEEP = {
  quotes: `${'> '.repeat(10_000)}x\n`,
  bullets: `${'- '.repeat(10_000)}x\n`,
  ordered: `${'1. '.repeat(7_000)}x\n`,
  indented: Array.from({ length: 140 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}`).join('\n'),
  'quote lines': Array.from({ length: 200 }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1}`).join('\n'),
  'quote lines ending in CR': Array.from({ length: 200 }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1}`).join('\r'),
  'lists in quotes': `${'> - '.repeat(60)}x\n`,
};

describe('nesting depth', () => {
  it('counts quote and list markers on a line, and the list items a line is indented into', () => {
    expect(nestingDepth('plain text\n\n## Heading\n')).toBe(0);
    expect(nestingDepth('> quote\n> > nested\n')).toBe(2);
    expect(nestingDepth('- a\n  - b\n    - c\n  - d\n- e\n')).toBe(3);
    expect(nestingDepth('1. a\n   1. b\n      - c\n')).toBe(3);
    expect(nestingDepth('- a\n\tcontinued\n\t- b\n')).toBe(2);
    expect(nestingDepth('> - a\n>   - b\n')).toBe(3);
    expect(nestingDepth('- - - x\n')).toBe(3);
    // Thematic breaks are no lists.
    expect(nestingDepth('- - -\n* * * *\n')).toBe(0);
  });

  it('finds every real-world fixture shallow', () => {
    for (const name of ['template.md', 'extended.md', 'list-timeline.md', 'google-sre.md', 'gitlab.md', 'headings-variants.md', 'lossy.md']) {
      expect(nestingDepth(fixture(name)), name).toBeLessThanOrEqual(3);
    }
  });

  it('reads nesting up to the limit', () => {
    expect(() => parsePostmortemMarkdown(`${HEAD}${'> '.repeat(MAX_NESTING)}x\n`)).not.toThrow();
    expect(() => parsePostmortemMarkdown(`${HEAD}${'- '.repeat(MAX_NESTING)}x\n`)).not.toThrow();
  });

  it.each(Object.entries(DEEP))('refuses 20 KB of nested %s with a MarkdownNestingError, quickly', (_name, body) => {
    const started = performance.now();
    expect(() => parsePostmortemMarkdown(HEAD + body)).toThrow(MarkdownNestingError);
    expect(() => parsePostmortemMarkdown(HEAD + body)).toThrow(/too deeply nested \(more than 100 levels of block quotes or lists\)/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('tells a stack overflow, as each engine words it, from other errors', () => {
    expect(isStackOverflow(new RangeError('Maximum call stack size exceeded'))).toBe(true);
    expect(isStackOverflow(new Error('too much recursion'))).toBe(true);
    expect(isStackOverflow(new RangeError('Invalid time value'))).toBe(false);
    expect(isStackOverflow('Maximum call stack size exceeded')).toBe(false);
  });
});

describe('the command line input reader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'second-story-input-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a deeply nested file in one short reason', async () => {
    const file = path.join(dir, 'deep.md');
    await writeFile(file, HEAD + DEEP.quotes);
    expect(await readTextFile(file)).toEqual({ ok: false, reason: 'is too deeply nested (more than 100 levels of block quotes or lists)' });
    await writeFile(file, `${HEAD}> > nested a little\n`);
    expect((await readTextFile(file)).ok).toBe(true);
  });

  it('names the real size limit, whatever its unit', async () => {
    expect([byteSize(5 * 1024 * 1024), byteSize(512 * 1024), byteSize(1536 * 1024), byteSize(1000), byteSize(0)]).toEqual([
      '5 MB',
      '512 KB',
      '1536 KB',
      '1000 bytes',
      '0 bytes',
    ]);
    const file = path.join(dir, 'big.md');
    await writeFile(file, 'x'.repeat(2048));
    expect(await readTextFile(file, { maxBytes: 1024 })).toEqual({ ok: false, reason: 'is larger than 1 KB' });
    expect(await readTextFile(file, { maxBytes: 2000 })).toEqual({ ok: false, reason: 'is larger than 2000 bytes' });
    expect(await readTextFile(file, { maxBytes: 512 * 1024 })).toEqual({ ok: true, text: 'x'.repeat(2048) });
  });
});
