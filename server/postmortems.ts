/** Creating a postmortem: its id, one token per role (stored as hashes) and its seeded document. */
import * as Y from 'yjs';
import type { CreatePostmortemRequest, Role } from '../shared/api/types.ts';
import { runChecks } from '../shared/checks/engine.ts';
import { countOpenFindings, summarizeSnapshot } from '../shared/metrics/summary.ts';
import { seedPostmortem } from '../shared/schema/document.ts';
import { readSnapshot } from '../shared/schema/snapshot.ts';
import type { PostmortemStore } from './storage/store.ts';
import { hashToken, newPostmortemId, newToken } from './tokens.ts';

export interface CreatedPostmortem {
  id: string;
  tokens: Record<Role, string>;
}

/** Fills the new document; by default with the empty template. */
export type SeedDocument = (doc: Y.Doc, now: Date) => void;

/** Creates a postmortem: its tokens (stored as hashes), its first document state and its first checks report. */
export async function createPostmortem(store: PostmortemStore, input: CreatePostmortemRequest, seed?: SeedDocument): Promise<CreatedPostmortem> {
  const id = newPostmortemId();
  const tokens: Record<Role, string> = { facilitator: newToken(), participant: newToken(), viewer: newToken() };
  const now = new Date();
  const severity = input.severity ?? 'SEV3';
  const doc = new Y.Doc();
  if (seed) seed(doc, now);
  else seedPostmortem(doc, { title: input.title, severity }, now);
  // The first report (revision 0): a new postmortem already has its empty sections to fill.
  const snapshot = readSnapshot(doc);
  const { findings } = runChecks({ snapshot, now: now.toISOString() });
  // The index entry starts with the dashboard's summary of the seeded document (an import has content).
  const summary = summarizeSnapshot(snapshot);
  await store.create(
    {
      id,
      tokenHashes: {
        facilitator: hashToken(tokens.facilitator),
        participant: hashToken(tokens.participant),
        viewer: hashToken(tokens.viewer),
      },
      createdAt: now.toISOString(),
    },
    {
      ...summary,
      id,
      title: input.title,
      severity,
      status: 'draft',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      openFindings: countOpenFindings(findings),
      publishedAt: null,
      repeatOf: null,
    },
    Y.encodeStateAsUpdate(doc),
  );
  await store.saveCheckReport(id, { revision: 0, checkedAt: now.toISOString(), findings });
  doc.destroy();
  return { id, tokens };
}

/** The browser link for a role: the token rides in the fragment, so it never reaches logs or Referer. */
export function shareLink(baseUrl: string, id: string, token: string): string {
  return `${baseUrl}/p/${encodeURIComponent(id)}#t=${token}`;
}
