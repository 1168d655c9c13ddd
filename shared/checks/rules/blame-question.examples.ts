/** Should-flag / should-not-flag examples for blame-question (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'factor',
    shouldFlag: [
      'Who approved this change?',
      'Whose fault was the outage?',
      'Who is responsible for the deleted volumes?',
      "Why didn't you check the diff before applying it?",
      'Which engineer pushed the config without a review?',
      'How could the operator run that command on production?',
      'We need to determine who is to blame for the data loss.',
      'Did the reviewer even look at the Terraform plan?',
      'Who let an untested migration reach production?',
    ],
    shouldNotFlag: [
      'Who is paged when the certificate is within seven days of expiry?',
      'Who owns the alerting rules for the storage tier?',
      'The engineer who approved the change could not see the rendered config.',
      "Why didn't the alert fire when disk usage crossed 90%?",
      'How did the change reach every region at once?',
      'Which safeguard should have stopped the deploy?',
      'Who was responsible for reviewing config changes is defined in the policy.',
      'The question is not who ran the command but why it was easy to run.',
    ],
  },
];
