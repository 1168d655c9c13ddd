/** The reader says what it did not read: unused columns, header tables, blocks it has no place for. */
import { describe, expect, it } from 'vitest';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { fixture } from './fixtures.ts';

describe('what the import could not map', () => {
  it('reads a key/value header table into the header, lists its other rows, and warns about unused columns and dropped blocks', () => {
    const { snapshot, unmapped, warnings } = parsePostmortemMarkdown(fixture('lossy.md'));
    expect(snapshot.meta).toMatchObject({ severity: 'SEV2', services: ['identity', 'login-web'] });
    expect(unmapped).toEqual(['What went well', 'Incident commander', 'Duration']);
    expect(warnings).toEqual([
      'Action items column "Priority" was not read.',
      'Action items column "Ticket" was not read.',
      'Action items: a code block ("rotate-certs --verify-all --pools=login") was not read.',
    ]);
  });

  it('takes the date of a header table for the bare times of the timeline', () => {
    const md = '# Postmortem: X\n\n| | |\n|-|-|\n| **Date** | 2026-03-14 |\n| Time zone | UTC |\n\n## Timeline\n- 23:40 Rotation starts\n';
    const { snapshot, unmapped, warnings } = parsePostmortemMarkdown(md);
    expect(snapshot.timeline.map((e) => e.at)).toEqual(['2026-03-14T23:40:00.000Z']);
    expect(unmapped).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('reads a header table whose header row is already a field, and part labels in it', () => {
    const md = '# Postmortem: X\n\n| Severity | high |\n|-|-|\n| Summary | Logins failed. |\n| Reviewers | Sam |\n\n## Impact\nA third of logins.\n';
    const { snapshot, unmapped } = parsePostmortemMarkdown(md);
    expect(snapshot.meta.severity).toBe('SEV2');
    expect(snapshot.text.summary).toBe('Logins failed.');
    expect(unmapped).toEqual(['Reviewers']);
  });

  it('says so when a table before the first section is no key/value table', () => {
    const md = '# Postmortem: X\n\n| Region | Errors |\n|-|-|\n| eu | 40% |\n\n## Summary\nS.\n';
    expect(parsePostmortemMarkdown(md).warnings).toEqual(['A table before the first section (columns "Region", "Errors") was not read.']);
  });

  it('reads only the header fields of a table under a heading it skips, silently', () => {
    const md = '# Postmortem: X\n\n## Metadata\n| Field | Value |\n|-|-|\n| Severity | SEV1 |\n| Owner | Sam |\n\n## Summary\nS.\n';
    const { snapshot, unmapped, warnings } = parsePostmortemMarkdown(md);
    expect(snapshot.meta.severity).toBe('SEV1');
    expect(unmapped).toEqual(['Metadata']);
    expect(warnings).toEqual([]);
  });

  it('warns about an unread action-table column only when it holds more than a placeholder or a status word it gave', () => {
    const head = '# T\n## Action items\n';
    const statusFromBug = parsePostmortemMarkdown(`${head}| Action | Owner | Bug | # |\n|-|-|-|-|\n| Add alert | sre | n/a **DONE** | 1 |\n| Fix it | sre | — | 2 |\n`);
    expect(statusFromBug.snapshot.actions.map((a) => a.status)).toEqual(['done', 'open']);
    expect(statusFromBug.warnings).toEqual([]);
    const ticket = parsePostmortemMarkdown(`${head}| Action | Owner | Bug |\n|-|-|-|\n| Add alert | sre | Bug 5554823 **TODO** |\n`);
    expect(ticket.warnings).toEqual(['Action items column "Bug" was not read.']);
    const withStatus = parsePostmortemMarkdown(`${head}| Action | Status | Notes |\n|-|-|-|\n| Add alert | done | done |\n`);
    expect(withStatus.warnings).toEqual(['Action items column "Notes" was not read.']);
  });

  it('warns about blocks in the action items it has no place for, and reads the items in a quote', () => {
    const md = [
      '# T',
      '## Action items',
      '<!-- one line per item -->',
      '> - Add alert (owner: sre)',
      '',
      '<details>runbook</details>',
      '',
      '- Fix the job',
      '',
      '  It should also verify the pools.',
      '',
      '  ```',
      '  rotate --verify',
      '  ```',
    ].join('\n');
    const { snapshot, warnings } = parsePostmortemMarkdown(md);
    expect(snapshot.actions.map((a) => [a.action, a.owner])).toEqual([
      ['Add alert', 'sre'],
      ['Fix the job', ''],
    ]);
    expect(warnings).toEqual([
      'Action items: an HTML block ("<details>runbook</details>") was not read.',
      'Action items: a paragraph ("It should also verify the pools.") under the item "Fix the job" was not read.',
      'Action items: a code block ("rotate --verify") under the item "Fix the job" was not read.',
    ]);
  });
});
