/** Snapshots for the pictures' model tests: the sample postmortem, and small hand-made ones. */
import * as Y from 'yjs';
import { emptySnapshot } from '../../../shared/checks/examples.ts';
import type { ActionItem, Defense } from '../../../shared/schema/snapshot.ts';
import { readSnapshot, seedPostmortem, type PostmortemSnapshot } from '../../../shared/schema/index.ts';
import { writeSamplePostmortem } from '../../../scripts/sample-postmortem.ts';

export { emptySnapshot };

/** The README's sample postmortem, read back through the shared schema. */
export function sampleSnapshot(): PostmortemSnapshot {
  const doc = new Y.Doc();
  seedPostmortem(doc, { title: 'EU checkout errors after a config change', severity: 'SEV2' });
  writeSamplePostmortem(doc);
  const snapshot = readSnapshot(doc);
  doc.destroy();
  return snapshot;
}

export function defense(name: string, state: Defense['state'], failure: Defense['failure'] = 'latent'): Defense {
  return { id: `d-${name}`, name, state, failure };
}

export function action(text: string, fields: Partial<ActionItem> = {}): ActionItem {
  return {
    id: `a-${text.slice(0, 12)}`,
    action: text,
    kind: '',
    owner: 'Platform team',
    due: '2099-01-01',
    status: 'open',
    factorIds: [],
    createdAt: '',
    closedAt: '',
    ...fields,
  };
}
