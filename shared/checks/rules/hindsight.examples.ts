/** Should-flag / should-not-flag examples for hindsight (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'timeline',
    shouldFlag: [
      'Obviously, the deploy was the cause of the errors.',
      'The engineer clearly missed the warning in the logs.',
      'Of course the cache was empty after the restart.',
      'In hindsight, the disk usage trend was alarming.',
      'It was evident that the replica was serving stale data.',
      'The error spike was obvious on the dashboard.',
      'Looking back, the warning signs were there for weeks.',
      'The bad config was clearly visible in the diff.',
    ],
    shouldNotFlag: [
      'The runbook clearly lists the steps for a manual failover.',
      'The error message did not clearly indicate which certificate had expired.',
      'The failure mode was not obvious to anyone during the incident.',
      'At 14:20 it became clear that the primary was not recovering.',
      'Over the course of an hour, latency returned to normal.',
      'We tried to avoid hindsight bias by reconstructing what each responder could see.',
      'Looking at the logs, the responders found a spike in 429s.',
      'Obvious symptoms such as high CPU were absent.',
    ],
  },
  {
    placement: 'action',
    shouldFlag: ['In hindsight, add an alert on replica lag.'],
    shouldNotFlag: ['Clearly label production and staging contexts in the CLI prompt.', 'Make replica status obvious in the shell prompt.'],
  },
];
