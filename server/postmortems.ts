/** Creating a postmortem: its id, one token per role (stored as hashes) and its seeded document. */
import * as Y from 'yjs';
import type { CreatePostmortemRequest, Role } from '../shared/api/types.ts';
import type { Finding } from '../shared/checks/types.ts';
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

/** Checks the new document's first state (the server's checks worker; scripts run the engine in-process). */
export type FirstCheck = (id: string, state: Uint8Array, now: string) => Promise<Finding[]>;

/**
 * The engine in this thread, loaded only when asked: the server passes its worker instead, so the
 * main thread never holds the checks engine and its English lexicon (tens of MiB).
 */
const checkInProcess: FirstCheck = async (_id, state, now) => {
  const { runChecks } = await import('../shared/checks/engine.ts');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const { findings } = runChecks({ snapshot: readSnapshot(doc), now });
  doc.destroy();
  return findings;
};

/** Creates a postmortem: its tokens (stored as hashes), its first document state and its first checks report. */
export async function createPostmortem(
  store: PostmortemStore,
  input: CreatePostmortemRequest,
  seed?: SeedDocument,
  firstCheck: FirstCheck = checkInProcess,
): Promise<CreatedPostmortem> {
  const id = newPostmortemId();
  const tokens: Record<Role, string> = { facilitator: newToken(), participant: newToken(), viewer: newToken() };
  const now = new Date();
  const severity = input.severity ?? 'SEV3';
  const doc = new Y.Doc();
  if (seed) seed(doc, now);
  else seedPostmortem(doc, { title: input.title, severity }, now);
  // The first report (revision 0): a new postmortem already has its empty sections to fill.
  const snapshot = readSnapshot(doc);
  const state = Y.encodeStateAsUpdate(doc);
  const findings = await firstCheck(id, state, now.toISOString());
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
    state,
  );
  await store.saveCheckReport(id, { revision: 0, checkedAt: now.toISOString(), findings });
  doc.destroy();
  return { id, tokens };
}

/** The browser link for a role: the token rides in the fragment, so it never reaches logs or Referer. */
export function shareLink(baseUrl: string, id: string, token: string): string {
  return `${baseUrl}/p/${encodeURIComponent(id)}#t=${token}`;
}
