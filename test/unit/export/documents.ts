/** Postmortem documents for the export tests, built with the same helpers the app uses. */
import * as Y from 'yjs';
import {
  addAction,
  addDefense,
  addFactor,
  addTimelineEntry,
  fillFragment,
  roots,
  seedPostmortem,
  type RichTextRoot,
} from '../../../shared/schema/index.ts';

const NOW = new Date('2026-11-04T09:00:00.000Z');

function setText(doc: Y.Doc, root: RichTextRoot, text: string): void {
  const fragment = roots(doc).richText(root);
  fragment.delete(0, fragment.length);
  fillFragment(fragment, text);
}

/** Continues the first paragraph of a part after a hard break (Shift+Enter), as the editor writes one. */
export function addHardBreak(doc: Y.Doc, root: RichTextRoot, text: string): void {
  const paragraph = roots(doc).richText(root).get(0) as Y.XmlElement;
  paragraph.insert(paragraph.length, [new Y.XmlElement('hardBreak'), new Y.XmlText(text)]);
}

/** A freshly created postmortem: only a title and a severity. */
export function emptyDocument(): Y.Doc {
  const doc = new Y.Doc();
  seedPostmortem(doc, { title: 'Checkout outage', severity: 'SEV2' }, NOW);
  return doc;
}

/** A postmortem with every part filled, and text that needs escaping in Markdown. */
export function richDocument(): Y.Doc {
  const doc = new Y.Doc();
  seedPostmortem(doc, { title: 'Checkout errors after a connection pool change (#4471)', severity: 'SEV2' }, NOW);
  const { meta, moderation, nearMisses } = roots(doc);
  doc.transact(() => {
    (meta.get('services') as Y.Array<string>).push(['checkout-api', 'config-service', 'eu-west']);
    meta.set('startedAt', '2026-11-02T13:58:00.000Z');
    meta.set('detectedAt', '2026-11-02T14:09:00.000Z');
    meta.set('mitigatedAt', '2026-11-02T14:31:00.000Z');
    meta.set('resolvedAt', '2026-11-02T14:52:00.000Z');
    moderation.set('status', 'in-review');
    (moderation.get('sectionOwner') as Y.Map<string>).set('summary', 'Dana Facilitator');
    (moderation.get('locks') as Y.Map<boolean>).set('summary', true);
  });
  setText(
    doc,
    'summary',
    'For 54 minutes, 18% of checkout attempts in the EU failed with HTTP 502 after a configuration change lowered the connection pool limit of checkout-api from 200 to 20.\n' +
      '\n' +
      'Config changes skip the canary stage that code deploys go through, so the new limit reached every region at once.',
  );
  setText(doc, 'impact', '3,140 failed checkouts (18% of EU traffic) between 13:58 and 14:52 UTC; no data loss.\n~€41,000 in delayed orders.');
  setText(
    doc,
    'detection',
    'Eleven minutes passed before the first page: the error-rate alert averages over 10 minutes, and no alert watched *pool_saturation*.',
  );
  addHardBreak(doc, 'detection', 'The runbook linked a dashboard without that panel.');
  setText(doc, 'control', 'Configuration changes bypass canary analysis, so nothing compared the new limit against live traffic.');
  setText(doc, 'trigger', 'A configuration change set `max_pool` from 200 to 20.');
  setText(doc, 'systemGap', 'Config and code take different paths to production.\n- The config path has no canary stage.');
  setText(
    doc,
    'prevention',
    'Config changes go through the same canary analysis as code (A1), and pool saturation pages within two minutes (A2).',
  );
  addTimelineEntry(doc, {
    at: '2026-11-02T14:09:00.000Z',
    body: 'The error-rate alert pages the on-call engineer.',
    known: 'Dashboards showed 502s but healthy hosts | normal CPU.',
  });
  addTimelineEntry(doc, {
    at: '2026-11-02T13:58:00.000Z',
    body: 'Config change 4471 rolls out to all regions.',
    known: 'Change review passed.\nThe diff showed a number, not its unit.',
  });
  addTimelineEntry(doc, {
    at: '2026-11-02T14:31:00.000Z',
    body: 'The incident commander rolls back change 4471; errors drop.',
    known: 'Pool saturation was visible only on a debug dashboard <debug/pools>.',
  });
  addTimelineEntry(doc, { body: 'Customer support sees the first tickets.', known: '' });
  const f1 = addFactor(doc, { category: 'tooling', body: 'Config changes bypass canary analysis.' });
  const f2 = addFactor(doc, { category: 'process', body: 'Review tools show raw numbers without units.' });
  addFactor(doc, { category: 'process', body: '' });
  const f3 = addFactor(doc, { category: 'ownership', body: 'Nobody owns alerting on connection pool saturation.' });
  const f4 = addFactor(doc, { category: 'other', body: 'Communication: the status page lagged the incident by 20 minutes.' });
  addDefense(doc, { name: 'Change review', state: 'failed', failure: 'active' });
  addDefense(doc, { name: 'Canary analysis (config path)', state: 'absent', failure: 'latent' });
  addDefense(doc, { name: 'Automated rollback', state: 'held', failure: 'latent' });
  addAction(doc, { action: 'Route config changes through canary analysis', kind: 'automation', owner: 'Deploy tooling', due: '2026-12-15', status: 'in-progress', factorIds: [f1] }, undefined, NOW);
  addAction(doc, { action: 'Page on pool saturation above 90% for 2 minutes', kind: 'control', owner: 'Checkout SRE', due: '2026-11-20', status: 'done', factorIds: [f3, f2] }, undefined, NOW);
  addAction(doc, { action: 'Show units in config diffs (owner: review tools, due soon)', kind: 'interface', owner: '', due: '', status: 'open', factorIds: [f2, f4] }, undefined, NOW);
  addAction(doc, { action: 'Status page updates from the incident bot', kind: '', owner: 'TBD', due: '', status: 'wont-do', factorIds: [] }, undefined, NOW);
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    row.set('id', 'nm1');
    row.set('text', 'The same pool change almost went out last month.');
    row.set('hour', '2026-11-03T10:00:00.000Z');
    nearMisses.push([row]);
  });
  return doc;
}
