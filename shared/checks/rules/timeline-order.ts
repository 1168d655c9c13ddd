/** timeline-order: every timeline entry has a time, and entries run in time order. */
import { emptySnapshot } from '../examples.ts';
import type { PostmortemSnapshot, TimelineEntry } from '../../schema/snapshot.ts';
import type { RuleDefinition, RuleHit, SnapshotExamples } from '../types.ts';
import { isBlank } from '../words.ts';

export const rule: RuleDefinition = {
  id: 'timeline-order',
  severity: 'warning',
  reason: 'The timeline is read as what was known at each moment; without times in order it cannot show how the situation unfolded.',
  check({ input: { snapshot } }) {
    const hits: RuleHit[] = [];
    let latest: { at: number; entry: TimelineEntry } | null = null;
    for (const entry of snapshot.timeline) {
      if (isBlank(entry.body) && isBlank(entry.known)) continue;
      const field = { kind: 'timeline', id: entry.id, field: 'body' } as const;
      const at = Date.parse(entry.at);
      if (isBlank(entry.at) || Number.isNaN(at)) {
        hits.push({ section: 'timeline', field, start: 0, end: 0, message: 'This timeline entry has no time.', suggestion: 'Add when it happened (with the time zone).' });
        continue;
      }
      if (latest && at < latest.at) {
        hits.push({
          section: 'timeline',
          field,
          start: 0,
          end: 0,
          message: 'This entry is earlier than the one before it.',
          suggestion: 'Move it to its place in time, or correct its time.',
        });
      }
      if (!latest || at >= latest.at) latest = { at, entry };
    }
    return hits;
  },
};

function timeline(...entries: [string, string][]): PostmortemSnapshot {
  const s = emptySnapshot();
  entries.forEach(([at, body], i) => s.timeline.push({ id: `t${i + 1}`, at, body, known: '' }));
  return s;
}

export const examples: SnapshotExamples = {
  shouldFlag: [
    { name: 'an entry without a time', snapshot: timeline(['', 'Rollback starts.']) },
    { name: 'out of order', snapshot: timeline(['2026-11-02T14:10:00Z', 'Page fires.'], ['2026-11-02T14:01:00Z', 'Errors rise.']) },
    { name: 'an unreadable time', snapshot: timeline(['around lunch', 'Deploy.']) },
  ],
  shouldNotFlag: [
    { name: 'in order', snapshot: timeline(['2026-11-02T14:01:00Z', 'Errors rise.'], ['2026-11-02T14:10:00Z', 'Page fires.']) },
    { name: 'same minute', snapshot: timeline(['2026-11-02T14:01:00Z', 'A.'], ['2026-11-02T14:01:00Z', 'B.']) },
    { name: 'blank placeholder row', snapshot: timeline(['', '']) },
  ],
};
