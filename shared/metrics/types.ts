/**
 * What the learning dashboard knows about one postmortem: the fields of the server's index,
 * kept up to date from the same snapshot the checks read. Pure data, no DOM and no Node APIs.
 */
import type { ActionKind, ActionStatus, PostmortemStatus, Severity } from '../schema/sections.ts';

/** One action item as the index keeps it (text shortened, everything the tracker and the metrics read). */
export interface IndexedAction {
  id: string;
  action: string;
  kind: ActionKind | '';
  owner: string;
  /** YYYY-MM-DD, or '' when unset. */
  due: string;
  status: ActionStatus;
  /** ISO 8601, or '' when unknown. */
  createdAt: string;
  /** ISO 8601 when done or won't do, else ''. */
  closedAt: string;
  factorIds: string[];
}

/** Findings of the latest checks report that are not dismissed, by severity. */
export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

/** What the index takes from a document's snapshot on every save. */
export interface SnapshotSummary {
  title: string;
  severity: Severity;
  status: PostmortemStatus;
  services: string[];
  /** Header times, ISO 8601 ('' when unset). */
  startedAt: string;
  detectedAt: string;
  mitigatedAt: string;
  resolvedAt: string;
  actions: IndexedAction[];
  /** Contributing factor texts, shortened: enough to compare incidents. */
  factors: string[];
  /** Approved near-miss notes in the document. */
  nearMisses: number;
}

/**
 * The dashboard's part of an index entry. Optional: entries written before the dashboard
 * existed lack them until their document is saved again; readers treat a missing field as empty.
 */
export interface DashboardFields extends Partial<Omit<SnapshotSummary, 'title' | 'severity' | 'status'>> {
  openFindings?: FindingCounts;
  /** When the postmortem was published (the publish record's time), or null. */
  publishedAt?: string | null;
  /** The earlier postmortem a facilitator marked this one as a repeat of, or null. */
  repeatOf?: string | null;
}

/** An index entry as the metrics read it. */
export interface IncidentEntry extends DashboardFields {
  id: string;
  title: string;
  severity: Severity;
  status: PostmortemStatus;
  createdAt: string;
  updatedAt: string;
}
