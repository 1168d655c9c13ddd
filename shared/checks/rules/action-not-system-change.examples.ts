/** Should-flag / should-not-flag examples for action-not-system-change (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'action',
    shouldFlag: [
      'Be more careful when running database migrations.',
      'Retrain the on-call engineers on the failover procedure.',
      'Remind engineers to double-check the target cluster before applying changes.',
      'Pay attention to disk usage alerts.',
      'Engineers should double-check the config before pushing.',
      'Ensure engineers follow the runbook during failovers.',
      'More training on Kubernetes for the platform team.',
      'The on-call engineer must verify backups manually every week.',
      'Follow the change management process for all production changes.',
      'Schedule time for training on the failover runbook.',
    ],
    shouldNotFlag: [
      'Add an automated double-check in the deploy pipeline.',
      'Require a second approval in the deploy tool for production changes.',
      'Add a confirmation prompt that shows the target cluster name.',
      'Alert when any certificate is within 14 days of expiry.',
      'Ensure the backup job verifies restores automatically every night.',
      'Retrain the anomaly detection model with the corrected baseline.',
      'Make the deploy CLI remind the operator which cluster is targeted.',
      'Send automated reminders to certificate owners 30 days before expiry.',
      'Update the runbook with the manual failover steps.',
      'Build a staging environment for training.',
    ],
  },
  {
    placement: 'prevention',
    shouldFlag: ['We will remind all engineers to be careful with production credentials.', 'Engineers have been retrained on the deploy tool.'],
    shouldNotFlag: [
      'Config changes now go through the same canary analysis as code (A1).',
      'Engineers no longer need to remember the freeze dates: the pipeline blocks deploys during freezes.',
    ],
  },
];
