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
    ],
  },
  {
    placement: 'summary',
    shouldFlag: [
      'A configuration change pushed by David Kim disabled TLS on the internal load balancer.',
      "Kevin's change to the autoscaler config was merged without a load test.",
    ],
    shouldNotFlag: [
      'Customers in Frankfurt, Dublin and Virginia saw elevated error rates.',
      'Ruby workers on Heroku ran out of memory while rendering invoices.',
    ],
  },
];
