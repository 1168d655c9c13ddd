/** The Markdown export: the exact layout of CONTRACT.md, pinned by golden files, and its escapes. */
import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../../shared/checks/examples.ts';
import { cellText, escapeBlockStart, escapeHeading, itemText, paragraphText } from '../../../shared/markdown/escape.ts';
import { exportPostmortemMarkdown, formatUtcTime } from '../../../shared/markdown/export.ts';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { HARD_BREAK, readSnapshot, SECTIONS, type Factor } from '../../../shared/schema/index.ts';
import { emptyDocument, richDocument } from './documents.ts';

const GOLDEN = '../../fixtures/export';

const factor = (category: Factor['category'], body: string, i: number): Factor => ({ id: `f${i}`, category, body });

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
    expect(lines.filter((l) => l.startsWith('### '))).toEqual(['### Defenses', '### Tooling', '### Process', '### Ownership', '### Other', '### Trigger', '### System gap']);
    const after = (heading: string) => lines[lines.indexOf(heading) + 1];
    expect(after('## What happened (timeline)')).toBe('| Time | What happened | What was known |');
    expect(lines[lines.indexOf('## What happened (timeline)') + 2]).toBe('|------|---------------|----------------|');
    expect(after('## Action items')?.startsWith('| Action | Owner | Due | Status |')).toBe(true);
    expect(after('## Contributing factors')).toBe('### Tooling');
    expect(after('### Tooling')).toBe('- Config changes bypass canary analysis.');
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

  it('writes factor categories as sub-headings over runs of factors, the items as written (CONTRACT.md extension forms)', () => {
    const s = emptySnapshot();
    s.meta.title = 'T';
    s.factors = [
      factor('other', 'Plain factor', 1),
      factor('process', 'Review skipped', 2),
      factor('process', 'No checklist', 3),
      factor('tooling', 'No canary', 4),
      factor('process', 'Process: written with a label', 5),
    ];
    const md = exportPostmortemMarkdown(s);
    expect(md).toContain(
      '## Contributing factors\n- Plain factor\n\n### Process\n- Review skipped\n- No checklist\n\n### Tooling\n- No canary\n\n### Process\n- Process: written with a label\n\n## Action items',
    );
    expect(parsePostmortemMarkdown(md).snapshot.factors.map((f) => [f.category, f.body])).toEqual(s.factors.map((f) => [f.category, f.body]));
  });

  it('gives uncategorised factors a heading only when one would read as labelled, so the plain template keeps its bytes', () => {
    const s = emptySnapshot();
    s.meta.title = 'T';
    s.factors = [{ id: 'f1', category: 'other', body: 'Tooling: not a category here' }];
    const md = exportPostmortemMarkdown(s);
    expect(md).toContain('## Contributing factors\n### Other\n- Tooling: not a category here\n');
    expect(parsePostmortemMarkdown(md).snapshot.factors.map((f) => [f.category, f.body])).toEqual([['other', 'Tooling: not a category here']]);
  });

  it('adds Layer and Defenses columns when an action item has a chosen layer or linked defenses, and reads them back', () => {
    const snapshot = readSnapshot(richDocument());
    const [first, second, third] = snapshot.actions;
    first!.layer = 'systemGap';
    first!.defenseIds = [snapshot.defenses[1]!.id];
    second!.defenseIds = [snapshot.defenses[2]!.id, snapshot.defenses[0]!.id, 'deleted-defense'];
    third!.layer = 'control';
    const md = exportPostmortemMarkdown(snapshot);
    expect(md).toContain('| Action | Owner | Due | Status | Kind | Factors | Layer | Defenses |\n|--------|-------|-----|--------|------|---------|-------|----------|\n');
    expect(md).toContain('| Route config changes through canary analysis | Deploy tooling | 2026-12-15 | in progress | automation | F1 | system gap | D2 |\n');
    expect(md).toContain('| Page on pool saturation above 90% for 2 minutes | Checkout SRE | 2026-11-20 | done | control | F2, F3 |  | D1, D3 |\n');
    expect(md).toContain('| Show units in config diffs (owner: review tools, due soon) |  |  | open | interface | F2, F4 | control failure |  |\n');

    const back = parsePostmortemMarkdown(md);
    expect(back.warnings).toEqual([]);
    const defenseIds = back.snapshot.defenses.map((d) => d.id);
    expect(back.snapshot.actions.map((a) => [a.layer, a.defenseIds])).toEqual([
      ['systemGap', [defenseIds[1]]],
      [undefined, [defenseIds[0], defenseIds[2]]],
      ['control', undefined],
      [undefined, undefined],
    ]);
    expect(exportPostmortemMarkdown(back.snapshot)).toBe(md);
  });

  it('leaves the Layer and Defenses columns out when no action item uses them', () => {
    const md = exportPostmortemMarkdown(readSnapshot(richDocument()));
    expect(md).toContain('| Action | Owner | Due | Status | Kind | Factors |\n');
    expect(md).not.toMatch(/\| Layer \||\| Defenses \|/);
  });

  it('writes a hard break (Shift+Enter) as a CommonMark hard line break, and reads it back as one', () => {
    const md = exportPostmortemMarkdown(readSnapshot(richDocument()));
    expect(md).toContain('no alert watched \\*pool_saturation\\*.\\\nThe runbook linked a dashboard without that panel.\n');
    expect(parsePostmortemMarkdown(md).snapshot.text.detection).toBe(
      `Eleven minutes passed before the first page: the error-rate alert averages over 10 minutes, and no alert watched *pool_saturation*.${HARD_BREAK}The runbook linked a dashboard without that panel.`,
    );
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

  it.each([
    [`a link${HARD_BREAK}after`, 'a link\\\nafter'],
    [`spaces around ${HARD_BREAK}  a break`, 'spaces around\\\na break'],
    [`two${HARD_BREAK}${HARD_BREAK}breaks`, 'two\\\n\\\nbreaks'],
    [`a line that ends in a link https://example.com/x${HARD_BREAK}next`, 'a line that ends in a link https://example.com/x  \nnext'],
    [`ends with a backslash \\${HARD_BREAK}next`, 'ends with a backslash \\\\\\\nnext'],
    [`heading${HARD_BREAK}# not one`, 'heading\\\n\\# not one'],
    [`setext${HARD_BREAK}===`, 'setext\\\n\\==='],
    [`setext${HARD_BREAK}---`, 'setext\\\n\\---'],
    [`table${HARD_BREAK}:-`, 'table\\\n\\:-'],
    [`list${HARD_BREAK}- not one`, 'list\\\n\\- not one'],
    [`quote${HARD_BREAK}> not one`, 'quote\\\n\\> not one'],
  ])('writes the hard break in %j so that it reads back', (text, written) => {
    expect(paragraphText(text)).toBe(written);
    const expected = text.split(HARD_BREAK).map((p) => p.trim()).join(HARD_BREAK);
    expect(parsePostmortemMarkdown(`# T\n\n## Summary\n${written}\n`).snapshot.text.summary).toBe(expected);
    const item = itemText(text);
    expect(parsePostmortemMarkdown(`# T\n\n## Contributing factors\n### Other\n- ${item}\n`).snapshot.factors[0]?.body).toBe(expected);
  });

  it('writes a hard break in a table cell as <br>, the reader\'s line break', () => {
    expect(cellText(`first${HARD_BREAK}second`)).toBe('first<br>second');
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
