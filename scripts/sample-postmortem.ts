/** A realistic postmortem written into a Y.Doc through the shared helpers (screenshots, demos). */
import * as Y from 'yjs';
import { addAction, addDefense, addFactor, addTimelineEntry, fillFragment, roots } from '../shared/schema/index.ts';

function replaceText(fragment: Y.XmlFragment, text: string): void {
  fragment.delete(0, fragment.length);
  fillFragment(fragment, text);
}

export function writeSamplePostmortem(doc: Y.Doc): void {
  doc.transact(() => {
    const r = roots(doc);
    r.meta.set('startedAt', '2026-11-02T13:58:00.000Z');
    r.meta.set('detectedAt', '2026-11-02T14:09:00.000Z');
    r.meta.set('mitigatedAt', '2026-11-02T14:31:00.000Z');
    r.meta.set('resolvedAt', '2026-11-02T14:52:00.000Z');
    (r.meta.get('services') as Y.Array<string>).push(['checkout-api', 'config-service', 'eu-west']);
    replaceText(
      doc.getXmlFragment('summary'),
      'For 54 minutes, 18% of checkout attempts in the EU failed with HTTP 502 after a configuration change lowered the connection pool limit of checkout-api.',
    );
    replaceText(
      doc.getXmlFragment('impact'),
      '3,140 failed checkouts (18% of EU traffic) between 13:58 and 14:52 UTC; an estimated €212,000 in delayed orders; no data loss.',
    );
    replaceText(
      doc.getXmlFragment('detection'),
      'Eleven minutes passed before the first page: the error-rate alert averages over 10 minutes, and no alert watched the pool saturation metric.',
    );
    replaceText(
      doc.getXmlFragment('control'),
      'Configuration changes skip the canary stage that code deploys go through, so the new pool limit reached every region at once.',
    );
    replaceText(doc.getXmlFragment('trigger'), 'A configuration change set the checkout-api pool limit from 200 to 20 (a unit mix-up).');
    replaceText(
      doc.getXmlFragment('systemGap'),
      'Config and code take different paths to production; only the code path has progressive rollout and automated rollback.',
    );
    replaceText(
      doc.getXmlFragment('prevention'),
      'Config changes go through the same canary analysis as code (A1), and pool saturation pages within two minutes (A2).',
    );
  });
  addTimelineEntry(doc, {
    at: '2026-11-02T13:58:00.000Z',
    body: 'Config change 4471 rolls out to all regions.',
    known: 'Change review passed; the diff showed a number, not its unit.',
  });
  addTimelineEntry(doc, {
    at: '2026-11-02T14:09:00.000Z',
    body: 'Error-rate alert pages the on-call engineer.',
    known: 'Dashboards showed 502s but healthy hosts and normal CPU.',
  });
  addTimelineEntry(doc, {
    at: '2026-11-02T14:31:00.000Z',
    body: 'The incident commander rolls back change 4471; errors drop.',
    known: 'Pool saturation was visible only on a debug dashboard.',
  });
  const f1 = addFactor(doc, { category: 'tooling', body: 'Config changes bypass canary analysis.' });
  addFactor(doc, { category: 'process', body: 'Review tools show raw numbers without units.' });
  addFactor(doc, { category: 'ownership', body: 'Nobody owns alerting on connection pool saturation.' });
  addDefense(doc, { name: 'Change review', state: 'failed', failure: 'active' });
  addDefense(doc, { name: 'Canary analysis', state: 'absent', failure: 'latent' });
  addDefense(doc, { name: 'Saturation alert', state: 'absent', failure: 'latent' });
  addDefense(doc, { name: 'Automated rollback', state: 'held', failure: 'latent' });
  addAction(doc, {
    action: 'Route config changes through canary analysis',
    kind: 'automation',
    owner: 'Deploy tooling',
    due: '2026-12-15',
    status: 'in-progress',
    factorIds: [f1],
  });
  addAction(doc, { action: 'Page on pool saturation above 90% for 2 minutes', kind: 'control', owner: 'Checkout SRE', due: '2026-11-20' });
}
