import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../../../shared/checks/types.ts';
import { parseCommand } from '../../../server/cli/args.ts';
import { formatJson, formatText } from '../../../server/cli/format.ts';
import { lintMarkdown } from '../../../server/cli/lint.ts';
import { main } from '../../../server/cli/main.ts';
import { parsePeople, readTextFile } from '../../../server/cli/read-input.ts';
import { fixture } from '../markdown/fixtures.ts';

const NOW = '2026-11-28T00:00:00.000Z';

/** Throwaway rules standing in for the real ones: one flags a phrase, one reports a missing section. */
const shouldHave: RuleDefinition = {
  id: 'counterfactual',
  severity: 'error',
  reason: 'Counterfactuals describe a world that did not exist.',
  check: (ctx) =>
    ctx.units.flatMap((u) =>
      [...u.text.matchAll(/should have/g)].map((m) => ({
        section: u.section,
        field: u.field,
        start: m.index,
        end: m.index + 'should have'.length,
        message: 'Counterfactual:\n"should have" describes what did not happen.',
        suggestion: 'Describe what was known at the time.',
      })),
    ),
};
const noPrevention: RuleDefinition = {
  id: 'prevention-empty',
  severity: 'warning',
  reason: 'Prevention is the point.',
  check: ({ input }) =>
    input.snapshot.text.prevention ? [] : [{ section: 'prevention', field: null, start: 0, end: 0, message: 'Prevention is empty.', suggestion: 'Fill it.' }],
};
const rules = [noPrevention, shouldHave];

describe('lint output', () => {
  const blame = fixture('blame.md');

  it('prints one line per finding in file order, then an eslint-style summary', () => {
    const report = lintMarkdown('docs/blame.md', blame, { now: NOW, rules });
    expect(formatText([report])).toBe(
      [
        'docs/blame.md:1:1  warning  Prevention is empty.  prevention-empty',
        'docs/blame.md:9:31  error  Counterfactual: "should have" describes what did not happen.  counterfactual',
        '',
        '✖ 2 problems (1 error, 1 warning, 0 infos)',
        '',
      ].join('\n'),
    );
    expect(blame.split('\n')[8]!.slice(30).startsWith('should have noticed')).toBe(true);
  });

  it('prints nothing when there are no findings, and counts in the singular for one', () => {
    const clean = lintMarkdown('clean.md', fixture('clean.md'), { now: NOW, rules });
    expect(formatText([clean])).toBe('');
    const one = lintMarkdown('a.md', '# Postmortem: X\n## How do we prevent recurrence?\nA1 removes it.\n## Summary\nAlice should have known.\n', {
      now: NOW,
      rules,
    });
    expect(formatText([one]).trim().split('\n').at(-1)).toBe('✖ 1 problem (1 error, 0 warnings, 0 infos)');
  });

  it('writes the JSON shape of CONTRACT.md, with line and column at the flagged text', () => {
    const report = lintMarkdown('blame.md', blame, { now: NOW, rules });
    const parsed = JSON.parse(formatJson([report])) as unknown;
    expect(parsed).toEqual([
      {
        file: 'blame.md',
        findings: [
          {
            rule: 'prevention-empty',
            severity: 'warning',
            section: 'prevention',
            line: 1,
            column: 1,
            excerpt: 'How do we prevent recurrence?',
            message: 'Prevention is empty.',
            suggestion: 'Fill it.',
            reason: 'Prevention is the point.',
          },
          {
            rule: 'counterfactual',
            severity: 'error',
            section: 'timeline',
            line: 9,
            column: 31,
            excerpt: 'should have',
            message: 'Counterfactual:\n"should have" describes what did not happen.',
            suggestion: 'Describe what was known at the time.',
            reason: 'Counterfactuals describe a world that did not exist.',
          },
        ],
      },
    ]);
  });

  it('counts a lone carriage return as a line end, as CommonMark does (found by the Markdown fuzz)', () => {
    const source = '# Postmortem: CR\r\r\n## Summary\r\rWe should have paged earlier.\r\n';
    const report = lintMarkdown('cr.md', source, { now: NOW, rules: [shouldHave] });
    const lines = source.split(/\r\n|\n|\r/);
    expect(report.findings).toHaveLength(1);
    const { line, column } = report.findings[0]!;
    expect([line, column]).toEqual([5, 4]);
    expect(lines[line - 1]!.slice(column - 1)).toMatch(/^should have/);
  });

  it('reports what the reader could not place as notes, not findings', () => {
    const report = lintMarkdown('sre.md', fixture('google-sre.md'), { now: NOW, rules: [] });
    expect(report.findings).toEqual([]);
    expect(report.notes[0]).toBe(
      'not read (no matching template section): "What went well", "Where we got lucky", "Supporting information", "Authors", "Status", "Resolution"',
    );
  });
});

describe('command line arguments', () => {
  it.each([
    [['lint', 'a.md'], { kind: 'lint', files: ['a.md'], format: 'text', peopleFiles: [] }],
    [['lint', '--format', 'json', 'a.md', 'b.md'], { kind: 'lint', files: ['a.md', 'b.md'], format: 'json', peopleFiles: [] }],
    [['lint', '--format=json', '--people', 'p.txt', 'a.md'], { kind: 'lint', files: ['a.md'], format: 'json', peopleFiles: ['p.txt'] }],
    [['--help'], { kind: 'help' }],
    [['lint', '-h'], { kind: 'help' }],
  ])('reads %j', (argv, command) => {
    expect(parseCommand(argv)).toEqual(command);
  });

  it.each([[[]], [['lint']], [['check', 'a.md']], [['lint', '--fix', 'a.md']], [['lint', '--format', 'xml', 'a.md']], [['lint', 'a.md', '--people']]])(
    'refuses %j with one usage line and exit 2',
    async (argv) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } });
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('').trimEnd().split('\n')).toHaveLength(1);
      expect(err.join('')).toMatch(/^second-story: .+ Usage: second-story lint /);
    },
  );
});

describe('input files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'second-story-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads UTF-8 text and refuses what is not', async () => {
    const write = async (name: string, data: string | Buffer) => {
      await writeFile(join(dir, name), data);
      return join(dir, name);
    };
    expect(await readTextFile(await write('ok.md', '# Postmortem: Ü\n'))).toEqual({ ok: true, text: '# Postmortem: Ü\n' });
    expect(await readTextFile(join(dir, 'missing.md'))).toEqual({ ok: false, reason: 'no such file' });
    expect(await readTextFile(dir)).toEqual({ ok: false, reason: 'is a directory' });
    expect(await readTextFile(await write('empty.md', ' \n\n'))).toEqual({ ok: false, reason: 'is empty' });
    expect(await readTextFile(await write('nul.md', Buffer.from([0x23, 0x00, 0x41])))).toEqual({ ok: false, reason: 'is a binary file, not Markdown text' });
    expect(await readTextFile(await write('latin1.md', Buffer.from([0x23, 0x20, 0xe9, 0x0a])))).toEqual({ ok: false, reason: 'is not UTF-8 text' });
    expect(await readTextFile(await write('big.md', 'x'.repeat(2048)), { maxBytes: 1024 })).toEqual({ ok: false, reason: 'is larger than 1 KB' });
  });

  it('reads names from a people file, one per line, without comments', () => {
    expect(parsePeople('# responders\nPriya Raman\n\n  Tom  # on-call\r\n')).toEqual(['Priya Raman', 'Tom']);
  });
});
