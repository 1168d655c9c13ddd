import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/engine.ts';
import { fieldKey, type RuleDefinition, type TextField } from '../../../shared/checks/types.ts';
import { textUnits } from '../../../shared/checks/units.ts';
import { locateFinding, locateOffset, parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { fixture, fixturePath } from './fixtures.ts';

/** The text at line:column of the source, `length` units long. */
function at(source: string, point: { line: number; column: number } | null, length: number): string | null {
  if (!point) return null;
  const line = source.split('\n')[point.line - 1] ?? '';
  return line.slice(point.column - 1, point.column - 1 + length);
}

/** Every word of every snapshot text, looked up in the source: the words that do not sit where they are said to. */
function misplacedWords(source: string): string[] {
  const { snapshot, positions } = parsePostmortemMarkdown(source);
  const bad: string[] = [];
  for (const unit of textUnits(snapshot)) {
    for (const m of unit.text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const found = at(source, locateOffset(positions, fieldKey(unit.field), m.index), m[0].length);
      if (found !== m[0]) bad.push(`${fieldKey(unit.field)} "${m[0]}" -> "${found}"`);
    }
  }
  return bad;
}

/** A throwaway rule: flags every occurrence of `word` in every text field. */
function flagWord(word: string): RuleDefinition {
  return {
    id: 'hindsight',
    severity: 'warning',
    reason: 'test',
    check: (ctx) =>
      ctx.units.flatMap((u) =>
        [...u.text.matchAll(new RegExp(`\\b${word}\\b`, 'g'))].map((m) => ({
          section: u.section,
          field: u.field,
          start: m.index,
          end: m.index + word.length,
          message: 'flagged',
          suggestion: '',
        })),
      ),
  };
}

function locatedWords(source: string, word: string): string[] {
  const { snapshot, positions } = parsePostmortemMarkdown(source);
  const report = runChecks({ snapshot }, { rules: [flagWord(word)] });
  return report.findings.map((f) => {
    const p = locateFinding(positions, f);
    return `${p.line}:${p.column} ${at(source, p, word.length)}`;
  });
}

/** A finding about a whole section or field. */
function whole(section: 'impact' | 'detection', field: TextField | null) {
  return { section, location: { field, start: 0, end: 0 } };
}

describe('source positions', () => {
  const fixtures = readdirSync(dirname(fixturePath('template.md'))).filter((f) => f.endsWith('.md'));

  it.each(fixtures)('places every word of %s at its line and column', (name) => {
    expect(misplacedWords(fixture(name))).toEqual([]);
  });

  it('maps through emphasis, links, code spans, escapes, character references and wrapped lines', () => {
    const source = [
      '# Postmortem: The *cache* stampede',
      '',
      '## Summary',
      'The **on-call** engineer saw [the alert](https://example.com/a) and ran `restart-cache` \\*twice\\*;',
      'A &amp; B caches   emptied',
      '   together &mdash; then the database melted.',
      '',
      '> Quoted: the database',
      '> melted again.',
      '',
      '## Contributing factors',
      '- The cache has no',
      '    jitter on expiry.',
      '  - Nested: no jitter either.',
    ].join('\n');
    expect(misplacedWords(source)).toEqual([]);
    expect(locatedWords(source, 'database')).toEqual(['6:30 database', '8:15 database']);
    expect(locatedWords(source, 'jitter')).toEqual(['13:5 jitter', '14:16 jitter']);
  });

  it('maps words in table cells, across escaped pipes and <br> line breaks', () => {
    const source = [
      '# Postmortem: X',
      '## What happened (timeline)',
      '| Time | What happened | What was known |',
      '|---|---|---|',
      '| 2026-11-02 14:05 UTC | Deploy A \\| B starts<br>then stalls | `queue` depth was *unknown* |',
    ].join('\n');
    const { snapshot } = parsePostmortemMarkdown(source);
    expect(snapshot.timeline[0]).toMatchObject({ body: 'Deploy A | B starts\nthen stalls', known: 'queue depth was unknown' });
    expect(misplacedWords(source)).toEqual([]);
    expect(locatedWords(source, 'stalls')).toEqual(['5:55 stalls']);
    expect(locatedWords(source, 'unknown')).toEqual(['5:83 unknown']);
  });

  it('maps Windows line endings, a byte order mark and a title from the front matter', () => {
    const source = '\uFEFF---\r\ntitle: "Disk full on db-1"\r\n---\r\n## Summary\r\nThe disk filled\r\nup overnight.\r\n';
    const { snapshot, positions } = parsePostmortemMarkdown(source);
    expect(snapshot.meta.title).toBe('Disk full on db-1');
    expect(snapshot.text.summary).toBe('The disk filled up overnight.');
    const clean = source.slice(1).replaceAll('\r', '');
    expect(locateOffset(positions, 'title', 'Disk full on db-1'.indexOf('db'))).toEqual({ line: 2, column: 22 });
    expect(at(clean, locateOffset(positions, 'root:summary', snapshot.text.summary.indexOf('overnight')), 9)).toBe('overnight');
  });

  it('points a finding about a whole section at its heading, a whole row at its row, and a missing section at 1:1', () => {
    const source = fixture('template.md');
    const { positions } = parsePostmortemMarkdown(source);
    expect(locateFinding(positions, whole('impact', null))).toEqual({ line: 15, column: 1 });
    expect(locateFinding(positions, { section: 'actions', location: { field: { kind: 'action', id: 'a2', field: 'owner' }, start: 0, end: 0 } })).toEqual({
      line: 33,
      column: 53,
    });
    const { positions: bare } = parsePostmortemMarkdown('# Postmortem: X\n\n## Summary\nText.\n');
    expect(locateFinding(bare, whole('detection', null))).toEqual({ line: 1, column: 1 });
    expect(locateFinding(bare, { section: 'actions', location: { field: { kind: 'action', id: 'a9', field: 'owner' }, start: 0, end: 0 } })).toEqual({
      line: 1,
      column: 1,
    });
  });

  it('points at the flagged word in the timeline, the summary, an action and the title of the template', () => {
    const source = fixture('template.md');
    expect(locatedWords(source, 'canary')).toEqual(['6:25 canary', '22:30 canary', '25:25 canary', '32:32 canary', '36:36 canary']);
    expect(locatedWords(source, 'dashboard')).toEqual(['13:132 dashboard']);
    expect(locatedWords(source, 'pool')).toEqual(['1:50 pool', '4:125 pool', '19:114 pool', '27:38 pool', '33:11 pool', '36:89 pool']);
  });
});
