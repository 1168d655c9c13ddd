/**
 * The storage interface. The collaboration and HTTP code receive a PostmortemStore and never
 * know which one: the embedded store (files under DATA_DIR) or PostgreSQL (DATABASE_URL).
 */
import type { Role } from '../../shared/api/types.ts';
import type { Finding } from '../../shared/checks/types.ts';
import type { DashboardFields } from '../../shared/metrics/types.ts';
import type { PostmortemStatus, Severity } from '../../shared/schema/sections.ts';

/** What the server keeps about a postmortem outside the shared document. */
export interface PostmortemRecord {
  id: string;
  /** SHA-256 hex of each role's token; the tokens themselves are never stored. */
  tokenHashes: Record<Role, string>;
  createdAt: string;
  /** The index entry at creation: the index is rebuilt from it if it was not written before a crash. */
  entry?: IndexEntry;
}

/**
 * One row of the index: what lists and the dashboard read without loading documents. The
 * dashboard's fields are refreshed from the checks' snapshot after every save.
 */
export interface IndexEntry extends DashboardFields {
  id: string;
  title: string;
  severity: Severity;
  status: PostmortemStatus;
  createdAt: string;
  updatedAt: string;
}

/** A document as stored: the last snapshot plus the updates appended since. */
export interface StoredDocument {
  /** Yjs state of the last compaction (null before the first). */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in order. */
  updates: Uint8Array[];
  /** Number of updates ever accepted: the document's revision. */
  revision: number;
}

/** The blameless checks' report for one revision of a document. */
export interface StoredCheckReport {
  revision: number;
  checkedAt: string;
  findings: Finding[];
}

/** A finding a facilitator marked as a false positive; it stays dismissed while its id (its text) is unchanged. */
export interface Dismissal {
  findingId: string;
  rule: string;
  excerpt: string;
  reason: string;
  at: string;
}

export interface PublishRecord {
  at: string;
  /** Why the facilitator published despite blocking findings; null when none blocked. */
  overrideReason: string | null;
  blocking: { rule: string; excerpt: string; message: string }[];
}

/**
 * An anonymous near-miss note waiting for the facilitator. Deliberately nothing else: no token,
 * name, client id, address or agent, and the time only to the hour.
 */
export interface PendingNote {
  id: string;
  text: string;
  /** Submission time truncated to the hour, ISO 8601 UTC. */
  hour: string;
}

/** One decision under review in the private Just Culture triage. */
export interface TriageRecord {
  id: string;
  decision: string;
  malice: 'yes' | 'no' | 'unsure' | null;
  knowingViolation: 'yes' | 'no' | 'unsure' | null;
  substitution: 'yes' | 'no' | 'unsure' | null;
  outcome: 'blameless' | 'accountability' | 'undecided';
  notes: string;
  createdAt: string;
  updatedAt: string;
}

/** A facilitator's mark that this postmortem repeats an earlier one (the repeat-incident rate counts it). */
export interface RepeatMark {
  postmortemId: string;
  at: string;
}

/** What only the server and facilitators see: never part of the shared document. */
export interface PrivateState {
  dismissals: Record<string, Dismissal>;
  /** Display names of everyone who has joined, for the named-individual check. */
  roster: string[];
  publish: PublishRecord | null;
  triage: TriageRecord[];
  repeatOf: RepeatMark | null;
}

export function emptyPrivateState(): PrivateState {
  return { dismissals: {}, roster: [], publish: null, triage: [], repeatOf: null };
}

export interface StoreHealth {
  ok: boolean;
  /** Why the store is degraded, for /healthz and the log. */
  problems: string[];
}

export interface PostmortemStore {
  /** Stores a new postmortem with its first state (revision 0). */
  create(record: PostmortemRecord, entry: IndexEntry, initialState: Uint8Array): Promise<void>;
  getRecord(id: string): Promise<PostmortemRecord | null>;
  getIndexEntry(id: string): Promise<IndexEntry | null>;
  listIndex(): Promise<IndexEntry[]>;
  /** Updates index fields; may be written lazily, but is never lost on close(). */
  updateIndexEntry(id: string, patch: Partial<Omit<IndexEntry, 'id'>>): Promise<void>;
  loadDocument(id: string): Promise<StoredDocument>;
  /** Appends one accepted update durably (it survives a process crash) and returns the new revision. */
  appendUpdate(id: string, update: Uint8Array): Promise<number>;
  /**
   * The same as appendUpdate, done before it returns, for a store whose append is a synchronous
   * write (the embedded log): a change is then applied, logged and sent without a promise.
   */
  appendUpdateNow?(id: string, update: Uint8Array): number;
  /** Replaces the snapshot with `state`, which holds every update up to `revision`, and drops them from the log. */
  compact(id: string, state: Uint8Array, revision: number): Promise<void>;
  /** The document's revision without loading it. */
  getRevision(id: string): Promise<number>;
  /** Lets go of what is held open for one document (it has been unloaded). */
  release(id: string): Promise<void>;
  getCheckReport(id: string): Promise<StoredCheckReport | null>;
  saveCheckReport(id: string, report: StoredCheckReport): Promise<void>;
  getPrivateState(id: string): Promise<PrivateState>;
  /** Changes the private state through `change` and stores it; changes of one document are applied in order. */
  updatePrivateState(id: string, change: (state: PrivateState) => void): Promise<PrivateState>;
  /**
   * Pending anonymous notes, kept apart from everything else (names in the roster included), in
   * random order, so not even the file tells the order of submission.
   */
  getPendingNotes(id: string): Promise<PendingNote[]>;
  updatePendingNotes(id: string, change: (notes: PendingNote[]) => PendingNote[]): Promise<void>;
  health(): StoreHealth;
  /** Flushes everything and closes. */
  close(): Promise<void>;
}
