/** impact-without-numbers: impact must be measured, not described with adjectives. */
import { snapshotWithText } from '../examples.ts';
import type { RuleDefinition, SnapshotExamples } from '../types.ts';
import { isBlank } from '../words.ts';

const NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|half|dozen)\b/i;
const VAGUE = /\b(?:massive|significant(?:ly)?|many|huge|severe(?:ly)?|major|large|lots? of|a lot|some|several|numerous|widespread|substantial|considerable|heavy|big)\b/gi;

export const rule: RuleDefinition = {
  id: 'impact-without-numbers',
  severity: 'warning',
  reason: 'Impact is measured, not felt: numbers and units let readers compare incidents and judge the fix.',
  check({ input: { snapshot } }) {
    const text = snapshot.text.impact;
    if (isBlank(text) || NUMBER.test(text)) return [];
    const vague = [...text.matchAll(VAGUE)];
    const field = { kind: 'root', root: 'impact' } as const;
    if (vague.length > 0) {
      return vague.map((m) => ({
        section: 'impact' as const,
        field,
        start: m.index,
        end: m.index + m[0].length,
        message: `"${m[0]}" is not a measurement.`,
        suggestion: 'Replace it with numbers and units: users or requests affected, duration in minutes, error rate, revenue or orders.',
      }));
    }
    return [
      {
        section: 'impact',
        field,
        start: 0,
        end: 0,
        message: 'The impact has no number and unit.',
        suggestion: 'Add how many users or requests were affected, for how long, and the measurable effect.',
      },
    ];
  },
};

export const examples: SnapshotExamples = {
  shouldFlag: [
    { name: 'vague adjective', snapshot: snapshotWithText('impact', 'Massive impact on customers.') },
    { name: 'many users', snapshot: snapshotWithText('impact', 'Many users could not log in.') },
    { name: 'no measurement at all', snapshot: snapshotWithText('impact', 'Customers in Europe could not check out.') },
  ],
  shouldNotFlag: [
    { name: 'numbers with units', snapshot: snapshotWithText('impact', '3,140 failed checkouts over 54 minutes (18% of EU traffic).') },
    { name: 'numbers written as words', snapshot: snapshotWithText('impact', 'Two hours of degraded search for about half of all users.') },
    { name: 'percentages', snapshot: snapshotWithText('impact', 'Error rate peaked at 12%; significant but contained to eu-west.') },
    { name: 'empty impact is another rule', snapshot: snapshotWithText('impact', '') },
  ],
};
