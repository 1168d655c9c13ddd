/** The Markdown export: the exact layout of CONTRACT.md, pinned by golden files, and its escapes. */
import { describe, expect, it } from 'vitest';
import { cellText, escapeBlockStart, escapeHeading, itemText } from '../../../shared/markdown/escape.ts';
import { exportPostmortemMarkdown, formatUtcTime } from '../../../shared/markdown/export.ts';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { readSnapshot, SECTIONS } from '../../../shared/schema/index.ts';
import { emptyDocument, richDocument } from './documents.ts';

const GOLDEN = '../../fixtures/export';

describe('Markdown export', () => {
  it('writes the rich document as the golden file', async () => {
    await expect(exportPostmortemMarkdown(readSnapshot(richDocument()))).toMatchFileSnapshot(`${GOLDEN}/rich.md`);
  });

  it('writes a new, empty postmortem as the golden file', async () => {
    await expect(exportPostmortemMarkdown(readSnapshot(emptyDocument()))).toMatchFileSnapshot(`${GOLDEN}/empty.md`);
  });

  it('keeps the layout of CONTRACT.md: title, the eight sections in order, the two tables', () => {
    const md = exportPostmortemMarkdown(readSnapshot(richDocument()));
    const lines = md.split('\n');
    expect(lines.filter((l) => l.startsWith('# '))).toEqual(['# Postmortem: Checkout errors after a connection pool change (#4471)']);
    expect(lines.filter((l) => l.startsWith('## '))).toEqual(SECTIONS.map((s) => `## ${s.title}`));
    expect(lines.filter((l) => l.startsWith('### '))).toEqual(['### Defenses', '### Trigger', '### System gap']);
    const after = (heading: string) => lines[lines.indexOf(heading) + 1];
    expect(after('## What happened (timeline)')).toBe('| Time | What happened | What was known |');
    expect(lines[lines.indexOf('## What happened (timeline)') + 2]).toBe('|------|---------------|----------------|');
    expect(after('## Action items')?.startsWith('| Action | Owner | Due | Status |')).toBe(true);
    expect(after('## Contributing factors')).toBe('- Tooling: Config changes bypass canary analysis.');
    expect(md).toContain('| 2026-11-02 13:58 UTC | Config change 4471 rolls out to all regions. |');
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });

  it('leaves out what the layout has no place for: ids, stamps, status, locks, owners, near-miss notes', () => {
    const md = exportPostmortemMarkdown(readSnapshot(richDocument()));
    for (const text of ['in-review', 'Dana Facilitator', 'almost went out', '2026-11-04T09:00', 'nm1']) expect(md).not.toContain(text);
  });

  it('skips factors without text, and numbers the others for the Factors column', () => {
    const md = exportPostmortemMarkdown(readSnapshot(richDocument()));
    expect(md.match(/^- /gm)).toHaveLength(4);
    expect(md).toContain('| Page on pool saturation above 90% for 2 minutes | Checkout SRE | 2026-11-20 | done | control | F2, F3 |');
  });

  it('writes times in UTC, with seconds only when there are some', () => {
    expect(formatUtcTime('2026-11-02T14:05:00.000Z')).toBe('2026-11-02 14:05 UTC');
    expect(formatUtcTime('2026-11-02T14:05:30.000Z')).toBe('2026-11-02 14:05:30 UTC');
    expect(formatUtcTime('2026-11-02T15:05:00+01:00')).toBe('2026-11-02 14:05 UTC');
    expect(formatUtcTime('')).toBe('');
  });
});

/** The text a reader gets back from `written` as a paragraph of the summary. */
function paragraph(written: string): string {
  return parsePostmortemMarkdown(`# T\n\n## Summary\n${written}\n`).snapshot.text.summary;
}

/** The text a reader gets back from `written` as a table cell. */
function cell(written: string): string | undefined {
  return parsePostmortemMarkdown(`# T\n\n## Defenses\n| Defense | State | Failure |\n|-|-|-|\n| ${written} | held | latent |\n`).snapshot.defenses[0]?.name;
}

describe('escaping', () => {

  it.each([
    '*not emphasis*', '_not emphasis_', 'snake_case_name', '__init__', '~strike~', '`code`', '```', '# not a heading', '### Trigger',
    '> not a quote', '- not a list', '+ not a list', '* not a list', '1. not a list', '2) not a list', '---', '***', '[link](x)',
    '[^1]', '[x]: /definition', '<b>html</b>', '<br>', '<!-- comment -->', '&amp; &#42; &copy;', 'R&D', 'a \\ b', 'ends with \\',
    'a | b', 'https://example.com/a_b', 'https://example.com/*x*', 'see www.example.com/~a', 'ops@example.com', '![alt](img.png)',
    'Tooling: written as is', '14:05 — not a time here',
  ])('gives back %j as a paragraph and as a table cell', (text) => {
    expect(paragraph(escapeBlockStart(text))).toBe(text);
    expect(cell(cellText(text))).toBe(text);
  });

  it('keeps links that need no escape clickable', () => {
    expect(escapeBlockStart('see https://example.com/a_b and www.example.com')).toBe('see https://example.com/a_b and www.example.com');
  });

  it('writes line breaks in cells and list items as <br>, trimming the ends', () => {
    expect(cellText('  first\n\nsecond  \n\n')).toBe('first<br><br>second');
    expect(itemText('- first\nsecond')).toBe('\\- first<br>second');
  });

  it('escapes a trailing run of "#" in a heading, which would close it', () => {
    expect(escapeHeading('Outage #')).toBe('Outage \\#');
    expect(escapeHeading('#')).toBe('\\#');
    expect(escapeHeading('Change #4471')).toBe('Change #4471');
    expect(parsePostmortemMarkdown(`# Postmortem: ${escapeHeading('Outage ##')}\n`).snapshot.meta.title).toBe('Outage ##');
  });
});
