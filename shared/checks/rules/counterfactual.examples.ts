/** Should-flag / should-not-flag examples for counterfactual (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'factor',
    shouldFlag: [
      'The engineer should have checked the dashboard before deploying.',
      'We should have rolled back immediately.',
      'The reviewer failed to notice the missing index.',
      'The operator forgot to drain the node before rebooting it.',
      'The team neglected to update the runbook after the migration.',
      'If only we had tested the failover in staging.',
      'Had the on-call engineer checked the runbook, the outage would have been shorter.',
      'The change should have been reviewed more carefully.',
      "We shouldn't have deployed during the holiday freeze.",
    ],
    shouldNotFlag: [
      'The retry should have fired after 30 seconds.',
      'The job should retry three times before giving up.',
      'The alert would have paged if the threshold had been lower.',
      'The health check failed to detect the degraded disk.',
      'No responder could have known that the replica was serving stale reads.',
      'The on-call engineer would have been paged within a minute if the alert had covered the EU region.',
      'Someone must have changed the config by hand.',
      'A staged rollout could have limited the blast radius to one region.',
    ],
  },
];
