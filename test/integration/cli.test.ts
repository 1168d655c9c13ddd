/**
 * `second-story lint` as a real process (node bin/second-story.mjs), with the real rules:
 * output lines, JSON shape, exit codes, and every kind of unreadable input.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../shared/schema/sections.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/second-story.mjs');
const BLAME = 'test/fixtures/markdown/blame.md';
const CLEAN = 'test/fixtures/markdown/clean.md';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface JsonFinding {
  rule: string;
  severity: string;
  section: string;
  line: number;
  column: number;
  excerpt: string;
  message: string;
  suggestion: string;
  reason: string;
}

const LINE = /^(.+):(\d+):(\d+) {2}(error|warning|info) {2}(.+) {2}([a-z-]+)$/;
const SUMMARY = /^✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?, (\d+) infos?\)$/;
const SECTION_TITLES = new Set<string>([...SECTIONS.map((s) => s.title), 'Title']);

/** Every finding that is about some text points at the start of that text in the file. */
async function expectPointsAtExcerpts(file: string, findings: readonly JsonFinding[]): Promise<void> {
  const lines = (await readFile(path.join(ROOT, file), 'utf8')).split('\n');
  for (const f of findings) {
    if (SECTION_TITLES.has(f.excerpt)) continue;
    const firstWord = /[\p{L}\p{N}@]+/u.exec(f.excerpt)?.[0] ?? '';
    const at = (lines[f.line - 1] ?? '').slice(f.column - 1);
    expect(at.startsWith(firstWord), `${f.rule} at ${f.line}:${f.column} should start with "${firstWord}", found "${at.slice(0, 30)}"`).toBe(true);
  }
}

// The blame-shaped parts of blame.md: line 4 "The root cause was human error.", line 9
// "| 2026-11-02 14:05 UTC | John should have noticed the alert. |" (John at column 26), line 10,
// an entry earlier than the one before it, and no prevention section.
async function blameFindings(): Promise<JsonFinding[]> {
  const { stdout } = await run(['lint', '--format', 'json', BLAME]);
  return (JSON.parse(stdout) as [{ findings: JsonFinding[] }])[0].findings;
}
function rulesOnLine(findings: JsonFinding[], line: number): string[] {
  return findings.filter((f) => f.line === line).map((f) => f.rule);
}

describe('second-story lint (real process)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'second-story-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  async function file(name: string, data: string | Buffer): Promise<string> {
    await writeFile(path.join(dir, name), data);
    return path.join(dir, name);
  }
  async function folder(name: string): Promise<string> {
    await mkdir(path.join(dir, name), { recursive: true });
    return path.join(dir, name);
  }

  it('prints file:line:col  severity  message  rule per finding and a summary; exit 1 on errors', async () => {
    const { code, stdout, stderr } = await run(['lint', BLAME]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).not.toBe('');
    const lines = stdout.trimEnd().split('\n');
    const summary = SUMMARY.exec(lines.at(-1)!);
    expect(summary).not.toBeNull();
    expect(lines.at(-2)).toBe('');
    const findings = lines.slice(0, -2).map((l) => LINE.exec(l));
    expect(findings.every((m) => m !== null && m[1] === BLAME)).toBe(true);
    const count = (severity: string) => findings.filter((m) => m![4] === severity).length;
    expect(summary!.slice(1).map(Number)).toEqual([findings.length, count('error'), count('warning'), count('info')]);
    // Sorted by place in the file.
    const places = findings.map((m) => Number(m![2]) * 10_000 + Number(m![3]));
    expect(places).toEqual([...places].sort((a, b) => a - b));
    expect(code).toBe(count('error') > 0 ? 1 : 0);
    expect(count('error')).toBeGreaterThan(0);
  });

  it('points every finding about some text at the start of that text', async () => {
    const { stdout } = await run(['lint', '--format', 'json', BLAME]);
    const [report] = JSON.parse(stdout) as [{ file: string; findings: JsonFinding[] }];
    expect(report.findings.length).toBeGreaterThan(0);
    await expectPointsAtExcerpts(BLAME, report.findings);
  });

  it('reports the missing prevention section as an error at the top of the file', async () => {
    const findings = await blameFindings();
    expect(findings.some((f) => f.rule === 'prevention-empty' && f.severity === 'error' && f.line === 1 && f.column === 1)).toBe(true);
  });

  it('reports the entry out of order on its own line', async () => {
    expect(rulesOnLine(await blameFindings(), 10)).toContain('timeline-order');
  });

  it('reports "should have noticed" in the timeline', async () => {
    expect(rulesOnLine(await blameFindings(), 9)).toContain('counterfactual');
  });

  it('reports the name used as an actor, at the name', async () => {
    const findings = await blameFindings();
    expect(findings.some((f) => f.rule === 'named-individual' && f.line === 9 && f.column === 26)).toBe(true);
  });

  it('reports "the root cause was human error" in the summary', async () => {
    expect(rulesOnLine(await blameFindings(), 4).some((r) => r === 'human-error-cause' || r === 'single-root-cause')).toBe(true);
  });

  it('prints the JSON shape of CONTRACT.md for several files', async () => {
    const { code, stdout } = await run(['lint', '--format', 'json', BLAME, CLEAN]);
    expect(code).toBe(1);
    const reports = JSON.parse(stdout) as { file: string; findings: JsonFinding[] }[];
    expect(reports.map((r) => r.file)).toEqual([BLAME, CLEAN]);
    for (const report of reports) {
      expect(Object.keys(report)).toEqual(['file', 'findings']);
      for (const f of report.findings) {
        expect(Object.keys(f)).toEqual(['rule', 'severity', 'section', 'line', 'column', 'excerpt', 'message', 'suggestion', 'reason']);
        expect(f.line).toBeGreaterThanOrEqual(1);
        expect(f.column).toBeGreaterThanOrEqual(1);
        expect(['error', 'warning', 'info']).toContain(f.severity);
      }
    }
  });

  it('exits 0 on a clean postmortem, and its exit status always follows the errors it prints', async () => {
    const clean = await run(['lint', CLEAN]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toMatch(/ {2}error {2}/);
    for (const name of ['template.md', 'extended.md', 'list-timeline.md', 'google-sre.md', 'gitlab.md']) {
      const fixtureFile = `test/fixtures/markdown/${name}`;
      const { code, stdout } = await run(['lint', '--format=json', fixtureFile]);
      const [report] = JSON.parse(stdout) as [{ findings: JsonFinding[] }];
      expect(code, name).toBe(report.findings.some((f) => f.severity === 'error') ? 1 : 0);
      await expectPointsAtExcerpts(fixtureFile, report.findings);
    }
  });

  it('reads --people names and flags them as actors', async () => {
    const people = path.join(dir, 'people.txt');
    const doc = path.join(dir, 'people.md');
    await writeFile(people, '# responders\nPriya Raman\n');
    await writeFile(doc, (await readFile(path.join(ROOT, CLEAN), 'utf8')).replace('The on-call engineer reverts', 'Priya Raman reverts'));
    const { stdout, code } = await run(['lint', '--people', people, '--format', 'json', doc]);
    expect(code).not.toBe(2);
    const [report] = JSON.parse(stdout) as [{ findings: JsonFinding[] }];
    expect(report.findings.some((f) => f.rule === 'named-individual' && f.line === 11 && f.column === 26)).toBe(true);
  });

  it('prints help on --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: second-story lint');
  });

  describe('bad usage and unreadable input: one line on stderr, exit 2, no stack trace', () => {
    const cases: [string, () => Promise<string[]>, RegExp][] = [
      ['a missing file', async () => ['lint', path.join(dir, 'nope.md')], /nope\.md: no such file$/],
      ['an empty file', async () => ['lint', await file('empty.md', '')], /empty\.md: is empty$/],
      ['a binary file', async () => ['lint', await file('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]))], /image\.md: is a binary file/],
      ['invalid UTF-8', async () => ['lint', await file('latin1.md', Buffer.from('# Caf\xe9\n', 'latin1'))], /latin1\.md: is not UTF-8 text$/],
      ['a directory', async () => ['lint', await folder('notes.md')], /notes\.md: is a directory$/],
      ['a huge file', async () => ['lint', await file('huge.md', Buffer.alloc(5 * 1024 * 1024 + 1, 0x61))], /huge\.md: is larger than 5 MB$/],
      ['an unknown flag', async () => ['lint', '--fix', CLEAN], /unknown option --fix\. Usage: second-story lint/],
      ['no files', async () => ['lint'], /no files given\. Usage:/],
      ['no command', async () => [], /no command given\. Usage:/],
      ['an unknown format', async () => ['lint', '--format', 'xml', CLEAN], /unknown format "xml"/],
      ['a missing people file', async () => ['lint', '--people', path.join(dir, 'nobody.txt'), CLEAN], /nobody\.txt: no such file$/],
    ];

    it.each(cases)('%s', async (_name, args, message) => {
      const { code, stdout, stderr } = await run(await args());
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^second-story: /);
      expect(lines[0]).toMatch(message);
    });

    it('lints nothing when one of several files is unreadable', async () => {
      const { code, stdout, stderr } = await run(['lint', BLAME, path.join(dir, 'gone.md')]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toEqual([`second-story: ${path.join(dir, 'gone.md')}: no such file`]);
    });
  });
});
