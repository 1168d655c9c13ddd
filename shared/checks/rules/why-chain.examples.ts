/** Should-flag / should-not-flag examples for why-chain (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'factor',
    shouldFlag: [
      'Why did the deploy go to all regions at once?',
      'Why was the certificate not renewed?',
      'We used the five whys to analyse the outage.',
      '5 Whys: the cache was cold because the cluster restarted.',
      'Why did the queue grow? Because the consumers were throttled.',
      "Why didn't the alert fire when disk usage crossed 90%?",
      'Following the 5-whys method, we traced the outage to a config default.',
      'Why does the deploy tool default to the production context?',
    ],
    shouldNotFlag: [
      'We do not yet know why the replica stopped applying WAL segments.',
      'The reason why the cache was cold is described in the next section.',
      'It is unclear why the alert was muted.',
      'How did it become possible for a single config push to reach all regions?',
      'The investigation explains why the failover took 14 minutes.',
      'That is why the retries amplified the load.',
      'Why the failover took so long is covered in the detection section.',
      'We looked into why the alert did not fire and found it was muted.',
    ],
  },
];
