/** Should-flag / should-not-flag examples for human-error-cause (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'summary',
    shouldFlag: [
      'The outage was caused by human error.',
      'Human error during a routine maintenance led to the deletion of the production volume.',
      'The incident was caused by operator error during a manual failover.',
      'This incident was the result of an engineer’s mistake.',
      'The incident was due to carelessness during the database migration.',
      'Negligence in following the change process caused the downtime.',
      'A mistake by the engineer took the ledger offline.',
      'The engineer made a mistake when editing the DNS zone.',
      'The outage was a mistake made by an engineer.',
    ],
    shouldNotFlag: [
      'Typing the cluster name to confirm makes operator error less likely.',
      'This was not human error: the tool defaulted to the production context.',
      'Instead of blaming human error, we examined why the wrong command was easy to run.',
      'User errors on the login page rose to 12% of requests.',
      'A typo in a manual DNS change removed the apex record.',
      'The console offers no guard against operator error on destructive actions.',
      'Human error is a symptom; we looked for the conditions that made the slip easy.',
      'Was the engineer careless?',
      'A mistake made by the deploy script removed the DNS record.',
      'The console made it easy to repeat a mistake made by an engineer last year.',
    ],
  },
  {
    placement: 'action',
    shouldFlag: [],
    shouldNotFlag: ['Add a confirmation prompt to reduce human error.'],
  },
];
