/** Should-flag / should-not-flag examples for named-individual (run by test/unit/checks). */
import type { RuleExamples } from '../types.ts';

export const examples: readonly RuleExamples[] = [
  {
    placement: 'timeline',
    shouldFlag: [
      'Sarah restarted the Kafka broker on node 3.',
      'jsmith restarted the ingress pod.',
      '@maria rolled back the deploy of checkout-api.',
      'Priya acknowledged the page and joined the bridge.',
      'The incident commander asked Tom to fail over the primary.',
      'Escalated to @dchen on the storage team.',
      'The on-call engineer (Rahul) drained the node pool.',
      'Maria Lopez approved the change.',
      'YP noticed the replication lag and wiped the data directory.',
      // Names with letters outside ASCII.
      'José restarted the ingress pod.',
      'Søren and Zoë rolled back the deploy together.',
      'Łukasz noticed the disk filling on the primary.',
      'Escalated to Sofía on the storage team.',
      // First names that are also places, where only a person fits.
      'Victoria noticed the error spike on the checkout dashboard.',
      'Jordan restarted the consumer pods.',
      'Paged Austin.',
      'Escalated to Georgia from the DBA team.',
      // "<name> from the … team" and chat-style speakers.
      'Bob from the billing team reported the issue.',
      '14:20 - Giulia: rolling back',
    ],
    shouldNotFlag: [
      'Jenkins failed the build after the integration tests timed out.',
      'Cassandra ran out of disk on three nodes in the Sydney datacenter.',
      'Kafka consumer lag exceeded 4 million messages.',
      'Grafana alerting fired for the p99 latency of the search API.',
      'The on-call engineer restarted the Kafka broker on node 3.',
      '@sre-oncall was paged through the escalation policy.',
      'nginx reloaded its configuration and dropped in-flight connections.',
      'Hermes, the internal message router, stopped acknowledging writes.',
      'Grant access to the bucket was revoked at 14:10.',
      // A place in a region sense, and an appositive that names a system.
      'Sydney saw elevated latency for twelve minutes.',
      'Virginia: recovering, error rate back under 1%.',
      'Traffic was handed off to Sydney at 02:00.',
      'Maxwell, our CDC pipeline, stopped consuming.',
    ],
  },
  {
    placement: 'summary',
    shouldFlag: [
      'A configuration change pushed by David Kim disabled TLS on the internal load balancer.',
      "Kevin's change to the autoscaler config was merged without a load test.",
      'The schema change written by Müller dropped the index.',
      'Renée approved the rollout after the canary looked healthy.',
    ],
    shouldNotFlag: [
      'Customers in Frankfurt, Dublin and Virginia saw elevated error rates.',
      'Ruby workers on Heroku ran out of memory while rendering invoices.',
      'Customers in Sydney noticed the slowdown first.',
      'Zürich and São Paulo saw elevated error rates.',
    ],
  },
];
