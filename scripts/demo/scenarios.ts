/**
 * The incidents the demo organisation lives through: realistic, blameless postmortem content,
 * one scenario per kind of failure. Placeholders: {minutes} (time to resolve), {detect} (time to
 * detect), {percent}, {count}, {region}.
 */
import type { ActionKind, DefenseFailure, DefenseState, FactorCategory } from '../../shared/schema/sections.ts';

export interface Scenario {
  key: string;
  titles: string[];
  /** The first is always involved; one or two of the rest join it. */
  services: [string, ...string[]];
  summary: string;
  impact: string;
  detection: string;
  control: string;
  trigger: string;
  systemGap: string;
  prevention: string;
  factors: { category: FactorCategory; body: string }[];
  defenses: { name: string; state: DefenseState; failure: DefenseFailure }[];
  actions: { action: string; kind: ActionKind; owner: string }[];
  /** Timeline entries anchored to the incident's phases. */
  timeline: { at: 'start' | 'detect' | 'mitigate' | 'resolve'; body: string; known: string }[];
  nearMisses: string[];
}

export const REGIONS = ['eu-west', 'us-east', 'ap-south'] as const;

export const SCENARIOS: Scenario[] = [
  {
    key: 'config-pool',
    titles: ['Checkout errors after a connection pool config change', 'Checkout 502s from an exhausted connection pool', 'Payment step failing after a pool limit change'],
    services: ['checkout-api', 'config-service', 'payments-gateway'],
    summary: 'For {minutes} minutes, {percent}% of checkout attempts in {region} failed with HTTP 502 after a configuration change lowered the connection pool limit of checkout-api.',
    impact: '{count} failed checkouts ({percent}% of {region} traffic) over {minutes} minutes; no data loss.',
    detection: 'The first page came {detect} minutes after errors began: the error-rate alert averages over 10 minutes, and nothing watched pool saturation.',
    control: 'Configuration changes skip the canary stage that code deploys go through, so the new limit reached every host at once.',
    trigger: 'A configuration change set the pool limit from 200 to 20 (the field takes connections, the change assumed tens).',
    systemGap: 'Config and code take different paths to production; only the code path has progressive rollout and automated rollback.',
    prevention: 'Config changes go through the same canary analysis as code, and pool saturation pages within two minutes.',
    factors: [
      { category: 'tooling', body: 'Configuration changes bypass canary analysis and roll out to every host at once.' },
      { category: 'tooling', body: 'The review tool shows raw numbers without their units, so a pool limit change looks like any other number.' },
      { category: 'ownership', body: 'Nobody owns alerting on connection pool saturation for checkout-api.' },
      { category: 'process', body: 'Config review has no checklist for limits and quotas, unlike schema changes.' },
    ],
    defenses: [
      { name: 'Change review', state: 'failed', failure: 'active' },
      { name: 'Canary analysis', state: 'absent', failure: 'latent' },
      { name: 'Pool saturation alert', state: 'absent', failure: 'latent' },
      { name: 'Automated rollback', state: 'held', failure: 'latent' },
    ],
    actions: [
      { action: 'Route configuration changes through canary analysis', kind: 'automation', owner: 'Deploy tooling' },
      { action: 'Page on pool saturation above 90% for two minutes', kind: 'control', owner: 'Checkout SRE' },
      { action: 'Show units beside numeric values in the config review diff', kind: 'interface', owner: 'Deploy tooling' },
      { action: 'Reject pool limits below 50 in the config schema', kind: 'default', owner: 'Checkout SRE' },
    ],
    timeline: [
      { at: 'start', body: 'A config change to the checkout-api pool limit rolls out to all hosts.', known: 'The change had passed review; the diff showed a number, not its unit.' },
      { at: 'detect', body: 'The error-rate alert pages the on-call engineer.', known: 'Dashboards showed 502s but healthy hosts and normal CPU.' },
      { at: 'mitigate', body: 'The incident commander reverts the config change; errors drop.', known: 'Pool saturation was visible only on a debug dashboard.' },
      { at: 'resolve', body: 'Error rates back to baseline; checkout queues drained.', known: 'The retry backlog cleared within a few minutes.' },
    ],
    nearMisses: [
      'The same pool limit field was almost set to 10 in staging last quarter; a load test caught it by luck.',
      'Our staging config differs from production for pool sizes, so tests never see this.',
    ],
  },
  {
    key: 'cert-expiry',
    titles: ['Expired TLS certificate on the payments gateway', 'Partner API calls failing on an expired certificate', 'Mobile logins failing after a certificate expired'],
    services: ['payments-gateway', 'auth-service', 'mobile-api'],
    summary: 'For {minutes} minutes, calls to the payments gateway failed TLS verification because its certificate had expired; {percent}% of card payments in {region} were declined.',
    impact: '{count} declined card payments over {minutes} minutes in {region}; customers retried and about half succeeded later.',
    detection: 'The expiry warning went to a shared mailbox nobody reads; the first signal was a partner ticket after {detect} minutes.',
    control: 'Certificate renewal is manual for this gateway, and expiry is not monitored from outside.',
    trigger: 'The gateway certificate reached its expiry date.',
    systemGap: 'Certificates issued before the automated issuer existed were never migrated to it, so they keep the manual process.',
    prevention: 'Every certificate is issued and renewed by the automated issuer, and expiry within 14 days pages the owning team.',
    factors: [
      { category: 'tooling', body: 'Certificates issued before the automated issuer existed still renew by hand.' },
      { category: 'communication', body: 'Expiry warnings go to a shared mailbox that no rota watches.' },
      { category: 'ownership', body: 'The gateway certificate has no owning team in the service catalogue.' },
    ],
    defenses: [
      { name: 'Expiry warning email', state: 'failed', failure: 'latent' },
      { name: 'Automated renewal', state: 'absent', failure: 'latent' },
      { name: 'External TLS probe', state: 'absent', failure: 'latent' },
    ],
    actions: [
      { action: 'Migrate the remaining certificates to the automated issuer', kind: 'automation', owner: 'Payments platform' },
      { action: 'Probe every public endpoint for certificates expiring within 14 days', kind: 'control', owner: 'Observability' },
      { action: 'Require an owning team for every certificate in the catalogue', kind: 'default', owner: 'Identity team' },
    ],
    timeline: [
      { at: 'start', body: 'The gateway certificate expires; TLS handshakes from clients start failing.', known: 'Nothing on the dashboards: the gateway reported itself healthy.' },
      { at: 'detect', body: 'A partner opens a ticket about failed payments; the on-call engineer is paged.', known: 'Error logs showed handshake failures without naming the certificate.' },
      { at: 'mitigate', body: 'A new certificate is issued by hand and deployed to the gateway.', known: 'The renewal steps were in a runbook last updated two years earlier.' },
      { at: 'resolve', body: 'Payment success rate back to normal.', known: 'Clients with cached failures recovered after their retry window.' },
    ],
    nearMisses: ['The internal admin site certificate expired on a weekend last month; nobody noticed until Monday.'],
  },
  {
    key: 'search-reindex',
    titles: ['Search returning empty results during a reindex', 'Stale search results after an index alias swap', 'Search latency spike during a full reindex'],
    services: ['search', 'inventory-db', 'kafka-events'],
    summary: 'For {minutes} minutes, {percent}% of product searches returned no results while a full reindex swapped the index alias too early.',
    impact: '{count} searches returned empty pages over {minutes} minutes; conversion from search dropped by {percent}%.',
    detection: 'Detected after {detect} minutes from a drop in search conversion; no check compares result counts before and after an alias swap.',
    control: 'The reindex job swaps the alias when the job finishes, not when the new index holds as many documents as the old one.',
    trigger: 'A full reindex finished early because one shard of the source export was empty.',
    systemGap: 'Index swaps have no completeness check; the job trusts its own exit code.',
    prevention: 'The alias swap waits for a document-count check against the live index, and rolls back automatically when counts drop.',
    factors: [
      { category: 'tooling', body: 'The reindex job swaps the alias on exit without checking document counts.' },
      { category: 'process', body: 'Full reindexes run during business hours because the nightly window is full.' },
      { category: 'tooling', body: 'An empty export shard is treated as success by the export step.' },
    ],
    defenses: [
      { name: 'Document-count check', state: 'absent', failure: 'latent' },
      { name: 'Search conversion alert', state: 'held', failure: 'latent' },
      { name: 'Export validation', state: 'failed', failure: 'latent' },
    ],
    actions: [
      { action: 'Gate the alias swap on a document-count comparison with the live index', kind: 'control', owner: 'Search team' },
      { action: 'Fail the export step when a shard is empty', kind: 'default', owner: 'Data platform' },
      { action: 'Roll back the alias automatically when result counts drop by half', kind: 'automation', owner: 'Search team' },
    ],
    timeline: [
      { at: 'start', body: 'The reindex job swaps the search alias to the new index.', known: 'The job reported success; its log showed no errors.' },
      { at: 'detect', body: 'The conversion alert fires for search traffic.', known: 'Search latency and error rates looked normal.' },
      { at: 'mitigate', body: 'The on-call engineer points the alias back at the previous index.', known: 'The previous index was still present because cleanup runs a day later.' },
      { at: 'resolve', body: 'A corrected reindex completes and is swapped in after a manual count check.', known: 'Counts matched within 0.1%.' },
    ],
    nearMisses: ['A partial reindex last month left out one category for an hour; it looked like a catalogue problem at the time.'],
  },
  {
    key: 'kafka-lag',
    titles: ['Order notifications delayed by consumer lag', 'Event backlog after a consumer group rebalance loop', 'Delayed emails from a stuck notifications consumer'],
    services: ['notifications', 'kafka-events', 'checkout-api'],
    summary: 'For {minutes} minutes, order confirmation emails were delayed by up to two hours because the notifications consumer group kept rebalancing.',
    impact: '{count} customers received order confirmations late; support tickets rose by {percent}% that day.',
    detection: 'Consumer lag was visible on a dashboard, but the alert threshold was set for a traffic level three times lower; first page after {detect} minutes.',
    control: 'Consumer lag alerts use fixed thresholds that were never revisited as traffic grew.',
    trigger: 'A deploy raised message processing time past the consumer session timeout, so consumers were evicted and rejoined in a loop.',
    systemGap: 'Session timeouts and processing budgets are set separately by different teams with no shared check.',
    prevention: 'Lag alerts scale with traffic, and the deploy pipeline checks processing time against the session timeout.',
    factors: [
      { category: 'tooling', body: 'Consumer lag alert thresholds are fixed numbers set when traffic was a third of today.' },
      { category: 'communication', body: 'The platform team changed the default session timeout without a notice to consuming teams.' },
      { category: 'process', body: 'Load tests do not include the slow email template path.' },
    ],
    defenses: [
      { name: 'Consumer lag alert', state: 'failed', failure: 'latent' },
      { name: 'Load test', state: 'failed', failure: 'latent' },
      { name: 'Dead-letter queue', state: 'held', failure: 'latent' },
    ],
    actions: [
      { action: 'Make lag alerts relative to the incoming message rate', kind: 'control', owner: 'Observability' },
      { action: 'Check processing time against the session timeout in the deploy pipeline', kind: 'automation', owner: 'Data platform' },
      { action: 'Announce platform default changes in the consumer registry', kind: 'interface', owner: 'Data platform' },
    ],
    timeline: [
      { at: 'start', body: 'A deploy of the notifications consumer goes out; rebalances begin.', known: 'The deploy passed its checks; processing time is not among them.' },
      { at: 'detect', body: 'The lag alert fires and pages the on-call engineer.', known: 'Lag had been climbing for a while below the old threshold.' },
      { at: 'mitigate', body: 'The deploy is rolled back and the session timeout raised.', known: 'Rebalance logs pointed at session timeouts.' },
      { at: 'resolve', body: 'The backlog drains and delivery times return to normal.', known: 'No messages were lost; the dead-letter queue stayed empty.' },
    ],
    nearMisses: ['Billing events lagged for twenty minutes during the last sale; it recovered before anyone looked.'],
  },
  {
    key: 'db-migration',
    titles: ['Inventory writes blocked by a table-locking migration', 'Stock updates timing out during a schema migration', 'Order placement stalled by a long-running migration'],
    services: ['inventory-db', 'checkout-api', 'billing-batch'],
    summary: 'For {minutes} minutes, stock updates timed out because a schema migration took a table lock on the inventory table; {percent}% of orders could not reserve stock.',
    impact: '{count} orders failed to reserve stock over {minutes} minutes; customers saw "try again later".',
    detection: 'Detected after {detect} minutes when checkout error rates crossed the alert threshold.',
    control: 'The migration tool allows locking operations on large tables without a warning or a dry run.',
    trigger: 'A migration added a column with a default value, which rewrote the whole table under an exclusive lock.',
    systemGap: 'Schema changes on large tables have no review path that knows which operations lock.',
    prevention: 'The migration linter blocks locking operations on tables above a size limit and suggests the online form.',
    factors: [
      { category: 'tooling', body: 'The migration tool runs table-locking operations on large tables without a warning.' },
      { category: 'process', body: 'Migrations run in the deploy, not in a separate window with their own rollback.' },
      { category: 'ownership', body: 'No team owns the guidance on safe schema changes for the inventory database.' },
    ],
    defenses: [
      { name: 'Migration review', state: 'failed', failure: 'active' },
      { name: 'Migration linter', state: 'absent', failure: 'latent' },
      { name: 'Lock timeout', state: 'absent', failure: 'latent' },
    ],
    actions: [
      { action: 'Add a migration linter that blocks locking operations on large tables', kind: 'control', owner: 'Data platform' },
      { action: 'Set a lock timeout of five seconds for every migration session', kind: 'default', owner: 'Data platform' },
      { action: 'Run migrations as their own pipeline stage with a rollback step', kind: 'automation', owner: 'Deploy tooling' },
    ],
    timeline: [
      { at: 'start', body: 'The deploy starts the schema migration on the inventory table.', known: 'The migration had run in seconds on the staging copy, which is much smaller.' },
      { at: 'detect', body: 'Checkout error-rate alert pages the on-call engineer.', known: 'Database CPU was low; lock waits were not on the main dashboard.' },
      { at: 'mitigate', body: 'The migration session is cancelled; locks are released.', known: 'The lock graph showed one session blocking all writers.' },
      { at: 'resolve', body: 'The migration is rerun in its online form overnight.', known: 'The online form took forty minutes without blocking writes.' },
    ],
    nearMisses: ['An index creation last month locked the orders table for a minute; it happened at night so nobody noticed.'],
  },
  {
    key: 'cdn-cache',
    titles: ['Stale prices served from the CDN cache', 'CDN purge failure left old assets in place', 'Broken product images after a CDN rule change'],
    services: ['cdn-edge', 'mobile-api', 'search'],
    summary: 'For {minutes} minutes, {percent}% of product pages in {region} showed stale prices because a CDN rule change extended cache lifetimes on API responses.',
    impact: '{count} orders were placed at outdated prices over {minutes} minutes; finance honoured them.',
    detection: 'A customer support report after {detect} minutes; no synthetic check compares CDN and origin responses.',
    control: 'CDN rule changes are applied directly in the vendor console without review or staged rollout.',
    trigger: 'A CDN rule meant for static assets matched API paths too.',
    systemGap: 'CDN configuration lives outside version control, so it has none of the review and rollback that code has.',
    prevention: 'CDN rules live in version control, go through review and a staged rollout, and a synthetic check compares edge and origin prices.',
    factors: [
      { category: 'tooling', body: 'CDN rules are edited in the vendor console with no review or history.' },
      { category: 'tooling', body: 'Path patterns in CDN rules are easy to over-match and the console shows no preview of matched paths.' },
      { category: 'process', body: 'Price-sensitive API responses carry no explicit cache headers, so edge defaults apply.' },
    ],
    defenses: [
      { name: 'Change review', state: 'absent', failure: 'latent' },
      { name: 'Cache-Control headers on API', state: 'absent', failure: 'latent' },
      { name: 'Synthetic price check', state: 'absent', failure: 'latent' },
    ],
    actions: [
      { action: 'Manage CDN rules as code with review and staged rollout', kind: 'automation', owner: 'Edge team' },
      { action: 'Send no-store on every price-bearing API response by default', kind: 'default', owner: 'Mobile platform' },
      { action: 'Compare edge and origin prices every minute with a synthetic check', kind: 'control', owner: 'Observability' },
    ],
    timeline: [
      { at: 'start', body: 'A CDN rule change for static assets is applied in the vendor console.', known: 'The rule was tested on an image path only.' },
      { at: 'detect', body: 'Support escalates customer reports of price mismatches.', known: 'Origin metrics were normal; edge hit rate had gone up.' },
      { at: 'mitigate', body: 'The rule is reverted and the API paths purged.', known: 'Purge took several minutes to reach every edge location.' },
      { at: 'resolve', body: 'Edge and origin prices match again everywhere.', known: 'A manual comparison script confirmed it.' },
    ],
    nearMisses: ['A purge request failed silently during the spring sale; banners stayed up a day longer than planned.'],
  },
  {
    key: 'auth-rate-limit',
    titles: ['Login failures from an aggressive rate limit', 'Users locked out after a rate-limit rollout', 'Single sign-on failures during a traffic spike'],
    services: ['auth-service', 'mobile-api', 'cdn-edge'],
    summary: 'For {minutes} minutes, {percent}% of logins failed with HTTP 429 after a new rate limit counted requests per address, and many customers share mobile carrier addresses.',
    impact: '{count} failed logins over {minutes} minutes, mostly mobile users in {region}.',
    detection: 'Login success rate has an alert, but it paged after {detect} minutes because it needs three bad intervals in a row.',
    control: 'Rate limits roll out at full strength with no shadow mode to see what they would block.',
    trigger: 'A new per-address rate limit was enabled for the login endpoint.',
    systemGap: 'There is no standard way to trial a limit in shadow mode before it enforces.',
    prevention: 'Every new limit runs in shadow mode for a week with a report of what it would block, and limits key on more than the address.',
    factors: [
      { category: 'tooling', body: 'Rate limits have no shadow mode, so their effect is only seen once they enforce.' },
      { category: 'other', body: 'Carrier-grade NAT puts many mobile customers behind one address.' },
      { category: 'communication', body: 'The mobile team was not part of the rollout review for a limit on their main endpoint.' },
    ],
    defenses: [
      { name: 'Shadow mode', state: 'absent', failure: 'latent' },
      { name: 'Login success alert', state: 'held', failure: 'latent' },
      { name: 'Rollout review', state: 'failed', failure: 'latent' },
    ],
    actions: [
      { action: 'Add a shadow mode to the rate limiter with a report of would-be blocks', kind: 'control', owner: 'Identity team' },
      { action: 'Key login limits on device and account as well as the address', kind: 'default', owner: 'Identity team' },
      { action: 'List the consuming teams in the rollout form for shared endpoints', kind: 'interface', owner: 'Mobile platform' },
    ],
    timeline: [
      { at: 'start', body: 'The new login rate limit is enabled.', known: 'Tests from the office network passed.' },
      { at: 'detect', body: 'The login success alert pages the on-call engineer.', known: 'Most 429s came from a handful of mobile carrier addresses.' },
      { at: 'mitigate', body: 'The limit is raised tenfold.', known: 'Login success recovered within a minute.' },
      { at: 'resolve', body: 'The limit is switched off pending a shadow-mode trial.', known: 'No abuse was seen while it was off.' },
    ],
    nearMisses: ['A limit on the password reset endpoint blocked a corporate customer for an hour last quarter.'],
  },
  {
    key: 'disk-full',
    titles: ['Billing batch stopped by a full disk', 'Invoice generation halted when log volume filled the disk', 'Nightly billing run failed on disk space'],
    services: ['billing-batch', 'inventory-db'],
    summary: 'The nightly billing run stopped after {minutes} minutes of retries because debug logging filled the batch host disk; invoices were a day late for {percent}% of customers.',
    impact: '{count} invoices sent a day late; no incorrect charges.',
    detection: 'The batch reported failure by email in the morning, {detect} minutes after the disk filled; disk usage alerts exist only for service hosts.',
    control: 'Batch hosts are outside the standard host monitoring, and debug logging can be left on in production.',
    trigger: 'Debug logging enabled for an investigation was left on and wrote 200 GB overnight.',
    systemGap: 'Batch hosts were built by hand before the standard host image existed and never joined it.',
    prevention: 'Batch hosts use the standard image with its disk alerts, and debug logging switches itself off after 24 hours.',
    factors: [
      { category: 'tooling', body: 'Batch hosts are built by hand and miss the disk usage alerts of the standard image.' },
      { category: 'tooling', body: 'Debug logging has no expiry and can stay on in production indefinitely.' },
      { category: 'process', body: 'The batch reports failure only by a morning email, not a page.' },
    ],
    defenses: [
      { name: 'Disk usage alert', state: 'absent', failure: 'latent' },
      { name: 'Log rotation', state: 'failed', failure: 'latent' },
      { name: 'Batch retry', state: 'held', failure: 'latent' },
    ],
    actions: [
      { action: 'Rebuild batch hosts from the standard image with its alerts', kind: 'automation', owner: 'Billing team' },
      { action: 'Switch debug logging off automatically after 24 hours', kind: 'default', owner: 'Observability' },
      { action: 'Page the billing on-call when the nightly run fails', kind: 'control', owner: 'Billing team' },
    ],
    timeline: [
      { at: 'start', body: 'The billing run starts; the disk is at 97%.', known: 'Nobody watched this host’s disk usage.' },
      { at: 'detect', body: 'The failure email is read at the start of the working day.', known: 'The run had retried for hours and given up.' },
      { at: 'mitigate', body: 'Debug logging is switched off and old logs removed.', known: 'The debug flag had been set during an investigation two weeks earlier.' },
      { at: 'resolve', body: 'The billing run is restarted and completes.', known: 'Invoices went out by midday.' },
    ],
    nearMisses: ['The reporting host reached 95% disk last month; a cleanup script ran just in time.'],
  },
  {
    key: 'feature-flag',
    titles: ['Checkout broken for app users by a feature flag', 'Feature flag enabled for all users instead of a test cohort', 'Payment page crash after a flag rollout'],
    services: ['mobile-api', 'checkout-api'],
    summary: 'For {minutes} minutes, the new checkout flow was shown to every app user instead of a 1% cohort, and it crashed on older app versions; {percent}% of app checkouts failed.',
    impact: '{count} failed app checkouts over {minutes} minutes in {region}.',
    detection: 'Crash reports rose within minutes, but crash alerts go to a channel, not a pager; detected after {detect} minutes.',
    control: 'The flag console lets a percentage rollout be typed as a fraction or a percent, and saves either without confirmation.',
    trigger: 'A rollout value of 1 was entered, meaning 1%, and read by the console as 100%.',
    systemGap: 'Flag changes have no staged rollout or automatic stop on crash-rate increase.',
    prevention: 'The flag console takes percentages only, confirms any change above 10%, and stops a rollout automatically when the crash rate rises.',
    factors: [
      { category: 'tooling', body: 'The flag console accepts both fractions and percentages in the same field.' },
      { category: 'tooling', body: 'Crash-rate alerts go to a chat channel and never page.' },
      { category: 'process', body: 'Flags for new flows do not check the minimum app version before they show.' },
    ],
    defenses: [
      { name: 'Flag console validation', state: 'failed', failure: 'latent' },
      { name: 'Crash-rate alert', state: 'failed', failure: 'latent' },
      { name: 'Minimum version gate', state: 'absent', failure: 'latent' },
    ],
    actions: [
      { action: 'Take rollout values as percentages only and confirm changes above 10%', kind: 'interface', owner: 'Mobile platform' },
      { action: 'Stop flag rollouts automatically when the crash rate doubles', kind: 'automation', owner: 'Mobile platform' },
      { action: 'Page on crash-rate increases for checkout screens', kind: 'control', owner: 'Observability' },
    ],
    timeline: [
      { at: 'start', body: 'The new checkout flag is saved with a rollout value of 1.', known: 'The console showed "1" with no unit.' },
      { at: 'detect', body: 'A mobile engineer notices the crash channel and raises an incident.', known: 'Crash reports named the new checkout screen.' },
      { at: 'mitigate', body: 'The flag is switched off.', known: 'App sessions picked up the change on their next refresh.' },
      { at: 'resolve', body: 'Checkout success on the app is back to normal.', known: 'Crash rate returned to baseline.' },
    ],
    nearMisses: ['A pricing flag was set to 100% instead of 10% in staging last month; QA caught it.'],
  },
  {
    key: 'dns',
    titles: ['Internal DNS failures after a resolver upgrade', 'Service discovery errors from a DNS cache change', 'Intermittent name resolution failures in one region'],
    services: ['config-service', 'auth-service', 'notifications'],
    summary: 'For {minutes} minutes, {percent}% of internal requests in {region} failed name resolution after a resolver upgrade halved the DNS cache size.',
    impact: '{count} failed internal requests over {minutes} minutes; customer-facing errors rose by {percent}%.',
    detection: 'Detected after {detect} minutes from service error alerts; resolver error rates are not monitored.',
    control: 'Resolver upgrades go to every host in a region at once.',
    trigger: 'A resolver upgrade changed the default cache size.',
    systemGap: 'Shared infrastructure such as DNS has no canary hosts and no service-level alerts of its own.',
    prevention: 'Resolver changes go to canary hosts first, and resolver failure rates page the network team.',
    factors: [
      { category: 'tooling', body: 'Resolver upgrades roll out to every host in a region at once.' },
      { category: 'ownership', body: 'Resolver error rates have no alert and no owning rota.' },
      { category: 'other', body: 'A new default in the resolver package changed cache behaviour without a note in its changelog.' },
    ],
    defenses: [
      { name: 'Canary hosts', state: 'absent', failure: 'latent' },
      { name: 'Resolver alerts', state: 'absent', failure: 'latent' },
      { name: 'Service error alerts', state: 'held', failure: 'latent' },
    ],
    actions: [
      { action: 'Roll out resolver changes to canary hosts first', kind: 'automation', owner: 'Edge team' },
      { action: 'Page on resolver failure rate above 1%', kind: 'control', owner: 'Observability' },
      { action: 'Pin resolver cache settings explicitly in the host image', kind: 'default', owner: 'Edge team' },
    ],
    timeline: [
      { at: 'start', body: 'The resolver upgrade reaches all hosts in the region.', known: 'The package changelog did not mention the cache default.' },
      { at: 'detect', body: 'Service error alerts page two on-call engineers.', known: 'Errors looked like timeouts between services.' },
      { at: 'mitigate', body: 'The previous resolver version is restored.', known: 'Resolver logs showed cache evictions.' },
      { at: 'resolve', body: 'Error rates back to normal across the region.', known: 'Traffic had not been shifted to another region.' },
    ],
    nearMisses: ['A DNS TTL change last quarter caused a minute of errors that nobody followed up.'],
  },
  {
    key: 'payment-retry',
    titles: ['Duplicate charges from payment retries', 'Payment provider timeouts causing double charges', 'Retry storm against the payment provider'],
    services: ['payments-gateway', 'checkout-api', 'billing-batch'],
    summary: 'For {minutes} minutes, payment provider timeouts triggered client retries without idempotency keys, and {percent}% of affected customers were charged twice.',
    impact: '{count} duplicate charges over {minutes} minutes, all refunded within two days.',
    detection: 'Detected after {detect} minutes from a reconciliation job; no alert watches duplicate charge rates.',
    control: 'The payment client retries on timeout without an idempotency key.',
    trigger: 'The payment provider slowed down and responses exceeded the client timeout.',
    systemGap: 'Retries are configured per client and nothing requires idempotency for money-moving calls.',
    prevention: 'Every money-moving call carries an idempotency key, enforced by the payment client library.',
    factors: [
      { category: 'tooling', body: 'The payment client retries on timeout without an idempotency key.' },
      { category: 'tooling', body: 'Duplicate charges are only found by the nightly reconciliation.' },
      { category: 'communication', body: 'The provider’s status page showed the slowdown but nobody subscribes to it.' },
    ],
    defenses: [
      { name: 'Idempotency keys', state: 'absent', failure: 'latent' },
      { name: 'Reconciliation job', state: 'held', failure: 'latent' },
      { name: 'Provider status subscription', state: 'absent', failure: 'latent' },
    ],
    actions: [
      { action: 'Require idempotency keys in the payment client library', kind: 'control', owner: 'Payments platform' },
      { action: 'Alert on duplicate charge rate within five minutes', kind: 'control', owner: 'Payments platform' },
      { action: 'Subscribe the payments rota to the provider status feed', kind: 'interface', owner: 'Payments platform' },
    ],
    timeline: [
      { at: 'start', body: 'Provider response times rise above the client timeout.', known: 'Provider status page posted a notice.' },
      { at: 'detect', body: 'The reconciliation job flags duplicate charges.', known: 'Charges looked successful on every dashboard.' },
      { at: 'mitigate', body: 'Client retries are switched off for payment calls.', known: 'The provider recovered shortly after.' },
      { at: 'resolve', body: 'Duplicate charges are refunded.', known: 'Finance confirmed every duplicate was found.' },
    ],
    nearMisses: ['A refund batch was nearly sent twice last month after a job restart; the operator saw the count mismatch.'],
  },
  {
    key: 'deploy-region',
    titles: ['Regional outage from a deploy to the wrong cluster', 'Mobile API down in one region after a deploy', 'Deploy targeted every region instead of one'],
    services: ['mobile-api', 'cdn-edge', 'auth-service'],
    summary: 'For {minutes} minutes, the mobile API in {region} served errors after a deploy meant for one cluster went to every cluster in the region.',
    impact: '{count} failed app requests over {minutes} minutes; {percent}% of app sessions in {region} affected.',
    detection: 'Detected after {detect} minutes from availability alerts.',
    control: 'The deploy tool defaults to all clusters when the cluster field is left empty.',
    trigger: 'A deploy was started with the cluster field empty.',
    systemGap: 'Deploy targets default to the widest scope instead of requiring an explicit choice.',
    prevention: 'The deploy tool requires an explicit target and rolls out cluster by cluster with automatic halt.',
    factors: [
      { category: 'tooling', body: 'The deploy tool treats an empty cluster field as every cluster.' },
      { category: 'tooling', body: 'Deploys to a region go to all clusters at once without a halt between them.' },
      { category: 'process', body: 'The runbook for single-cluster deploys predates the current deploy tool.' },
    ],
    defenses: [
      { name: 'Deploy target confirmation', state: 'absent', failure: 'latent' },
      { name: 'Progressive rollout', state: 'absent', failure: 'latent' },
      { name: 'Availability alert', state: 'held', failure: 'latent' },
    ],
    actions: [
      { action: 'Require an explicit deploy target and show its scope before confirming', kind: 'interface', owner: 'Deploy tooling' },
      { action: 'Roll out cluster by cluster with an automatic halt on errors', kind: 'automation', owner: 'Deploy tooling' },
      { action: 'Default the deploy scope to a single canary cluster', kind: 'default', owner: 'Deploy tooling' },
    ],
    timeline: [
      { at: 'start', body: 'The deploy starts with an empty cluster field.', known: 'The tool showed no scope summary before confirming.' },
      { at: 'detect', body: 'Availability alerts page the on-call engineer.', known: 'Every cluster in the region showed the new version.' },
      { at: 'mitigate', body: 'The previous version is redeployed to all clusters.', known: 'Rollback took longer than deploy because images were cold.' },
      { at: 'resolve', body: 'Availability back above target.', known: 'No data loss.' },
    ],
    nearMisses: ['A staging deploy went to every staging cluster last month through the same empty field.'],
  },
];

export const SEVERITY_WEIGHTS = [
  ['SEV1', 1],
  ['SEV2', 3],
  ['SEV3', 4],
  ['SEV4', 2],
] as const;
