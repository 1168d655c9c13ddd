/**
 * The Markdown reader, the lint and the import with fuzzed and mutated postmortems: generated
 * template-shaped files, real-world fixture files cut, spliced and shuffled, and random text.
 * The lint never throws, places every finding inside the file and answers the same twice; the
 * import answers 201 or a contract 4xx; the command line exits 0 or 1 with parseable JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../server/cli/lint.ts';
import { MarkdownNestingError } from '../../shared/markdown/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { count, report, scaled, SEED, timeoutFor } from './helpers/budget.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/markdown');
// The language rules cost tens of milliseconds per file: fewer cases than the socket's.
const LINT_RUNS = scaled(150, 30);
const IMPORT_RUNS = scaled(100, 20);
const NOW = '2026-12-15T00:00:00.000Z';

let fixtures: string[] = [];
let server: TestServer;
beforeAll(async () => {
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.md')).sort();
  fixtures = await Promise.all(files.map((f) => readFile(path.join(FIXTURES, f), 'utf8')));
  server = await startTestServer({ authFailuresPerMinute: 1_000_000 });
});
afterAll(async () => {
  await server?.stop();
});

const HEADINGS = ['# Postmortem: ', '## Summary', '## What happened (timeline)', '## Timeline', '## Impact', '## Detection gap', '## Control gap', '## Contributing factors', '## Root Cause', '## Action items', '## Action Items', '## How do we prevent recurrence?', '## Lessons Learned', '### Trigger', '---', '| Time | What happened | What was known |', '|------|---|---|', '| Action | Owner | Due | Status |', '- ', '* ', '1. ', '> ', '```', '<!-- x -->', '\t', '|', ''];
const line = fc.oneof(
  fc.tuple(fc.constantFrom(...HEADINGS), fc.string({ maxLength: 40 })).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('| 2026-11-02 14:05 UTC | ', '| 14:05 | ', '| not a time | ', '| ', '- 2026-11-02T14:05Z '), fc.string({ maxLength: 30 }), fc.constantFrom(' | x |', ' |', '', ' | | | | |')).map(([a, b, c]) => a + b + c),
  fc.constantFrom('John should have noticed the alert.', 'The root cause was human error.', 'Who approved this?', 'Be more careful.', '@alice forgot to check.', 'Obviously the pool was too small.'),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const generated = fc.tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
const mutated = fc
  .record({ file: fc.nat(), cuts: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 200 })), { maxLength: 3 }), splice: fc.nat(), shuffle: fc.boolean(), insert: fc.string({ maxLength: 30 }) })
  .map(({ file, cuts, splice, shuffle, insert }) => {
    let text = fixtures[file % fixtures.length]!;
    for (const [at, len] of cuts) text = text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + len);
    if (shuffle) {
      const lines = text.split('\n');
      text = lines.map((l, i) => lines[(i * 7 + splice) % lines.length]!).join('\n');
    }
    const other = fixtures[splice % fixtures.length]!;
    return text + other.slice(splice % (other.length + 1));
  });
const markdown = fc.oneof(generated, mutated, fc.string({ maxLength: 500 }));

describe('Markdown import and lint', () => {
  it(
    `lint reads ${LINT_RUNS} fuzzed files without throwing and places findings inside them`,
    () => {
      const started = performance.now();
      const counts: Record<string, number> = {};
      fc.assert(
        fc.property(markdown, (text) => {
          const first = lintMarkdown('f.md', text, { now: NOW, people: ['John'] });
          const lines = text.split(/\r\n|\n|\r/);
          for (const f of first.findings) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.line).toBeLessThanOrEqual(Math.max(1, lines.length));
            expect(f.column).toBeGreaterThanOrEqual(1);
            expect(f.column).toBeLessThanOrEqual((lines[f.line - 1]?.length ?? 0) + 1);
          }
          const again = text.length % 4 === 0 ? lintMarkdown('f.md', text, { now: NOW, people: ['John'] }) : first;
          expect(again, 'the same answer twice').toEqual(first);
          count(counts, first.findings.length > 0 ? 'with findings' : 'clean');
        }),
        { numRuns: LINT_RUNS, seed: SEED, endOnFailure: true },
      );
      report('lint', counts, started);
    },
    timeoutFor(LINT_RUNS, 20),
  );

  it(
    `import answers ${IMPORT_RUNS} fuzzed files with 201 or a contract 4xx, and imported documents open`,
    async () => {
      const started = performance.now();
      const counts: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(markdown, fc.constantFrom('text/markdown', 'text/markdown; charset=utf-8', 'text/plain'), async (text, type) => {
          const res = await fetch(`${server.url}/api/postmortems/import`, { method: 'POST', headers: { 'content-type': type }, body: text });
          const body = (await res.json()) as { id?: string; tokens?: { viewer: string }; error?: { code: string; message: string } };
          count(counts, String(res.status));
          const created = res.status === 201;
          expect(created || (res.status >= 400 && res.status < 500 && typeof body.error?.code === 'string'), `${res.status}`).toBe(true);
          const files = created ? ['export.md', 'export.json', 'checks'] : [];
          const statuses = await Promise.all(
            files.map(async (file) => (await fetch(`${server.url}/api/postmortems/${body.id}/${file}`, { headers: { authorization: `Bearer ${body.tokens!.viewer}` } })).status),
          );
          expect(statuses.filter((s) => s !== 200), 'exports of the imported document').toEqual([]);
        }),
        { numRuns: IMPORT_RUNS, seed: SEED, endOnFailure: true },
      );
      expect(server.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
      report('import', counts, started);
    },
    timeoutFor(IMPORT_RUNS, 100),
  );

  it('hostile nesting (quotes, lists, emphasis, links, deep or shallow) is read or refused with 400, never crashes or stalls the server', async () => {
    const started = performance.now();
    const counts: Record<string, number> = {};
    // Quotes and lists are measured before parsing (refused past 100 levels, however deep);
    // emphasis and links are quadratic for the parser, so their depth stays where one file reads in well under a second.
    const nested = fc.oneof(
      fc.record({ open: fc.constantFrom('> ', '- ', '1. ', '* ', '> - '), close: fc.constant(''), depth: fc.integer({ min: 1, max: 5_000 }) }),
      fc.record({ open: fc.constantFrom('*a ', '_a ', '**a ', '[a '), close: fc.constantFrom(' a*', ' a_', ' a**', ']'), depth: fc.integer({ min: 1, max: 300 }) }),
    );
    await fc.assert(
      fc.asyncProperty(nested, fc.string({ maxLength: 20 }), async ({ open, close, depth }, middle) => {
        const text = `# Postmortem: Deep\n\n## Summary\n\n${open.repeat(depth)}${middle}${close.repeat(depth)}\n\n## Impact\n\nSome impact.\n`;
        let outcome: unknown = 'read';
        try {
          lintMarkdown('f.md', text, { now: NOW });
        } catch (error) {
          outcome = error;
        }
        // Read, or refused as nested too deeply: nothing else.
        expect(outcome === 'read' || outcome instanceof MarkdownNestingError, String(outcome)).toBe(true);
        count(counts, outcome === 'read' ? 'lint read' : 'lint refused');
        const res = await fetch(`${server.url}/api/postmortems/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: text });
        const body = (await res.json()) as { error?: { code: string } };
        count(counts, String(res.status));
        expect(res.status === 201 || (res.status === 400 && body.error?.code === 'bad_request'), `${res.status}`).toBe(true);
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      }),
      { numRuns: scaled(40, 10), seed: SEED, endOnFailure: true },
    );
    expect(server.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    report('nesting', counts, started);
  }, timeoutFor(scaled(40, 10), 1_000));

  it('the command line lints a batch of fuzzed files: exit 0 or 1, one JSON report per file', async () => {
    const started = performance.now();
    const dir = await mkdtemp(path.join(tmpdir(), 'fuzz-lint-'));
    try {
      const texts = fc.sample(markdown, { numRuns: 30, seed: SEED ?? 7 });
      const files = await Promise.all(texts.map(async (t, i) => {
        const file = path.join(dir, `f${i}.md`);
        await writeFile(file, t);
        return file;
      }));
      const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(process.execPath, [path.join(ROOT, 'bin/second-story.mjs'), 'lint', '--format', 'json', ...files], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, out) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: out });
        });
      });
      // An empty file is "unreadable input" (2); every other outcome must be a lint result.
      const empty = texts.some((t) => t.length === 0);
      expect(empty ? [0, 1, 2] : [0, 1]).toContain(code);
      const reports = code === 2 ? files.length : (JSON.parse(stdout) as unknown[]).length;
      expect(reports).toBe(files.length);
      report('lint command', { files: files.length }, started);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
