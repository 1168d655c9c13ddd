/** Should-flag / should-not-flag examples for single-root-cause (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'summary',
    shouldFlag: [
      'The root cause was an expired TLS certificate on the internal load balancer.',
      'Root cause: a misconfigured health check path.',
      'We have identified the root cause as a memory leak in the auth service.',
      'The primary root cause was the lack of rate limiting.',
      'After investigation, the root cause turned out to be a race condition in the lock manager.',
      'The team root-caused the outage to a kernel bug.',
      'The root cause has been fixed and the service is stable.',
      'A missing alert was the root cause.',
    ],
    shouldNotFlag: [
      'The root cause analysis meeting is scheduled for Friday.',
      'A full root cause analysis will be published within five business days.',
      'This document replaces the old root-cause analysis template.',
      'Several contributing factors combined; there was no single root cause.',
      'We list contributing factors instead of a root cause.',
      'The RCA review found four contributing factors.',
      'The cause of the stale reads was a replica that had fallen behind.',
      'Contributing factors rather than root causes are listed below.',
    ],
  },
];
