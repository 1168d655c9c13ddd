/**
 * The JSON export: the whole shared document as plain data, under a format name and version
 * that readers can check. Editing-session state (locks, section owners and states) is left out,
 * and nothing private is in the shared document to begin with (PRODUCT.md).
 */
import type { RichTextRoot } from '../schema/roots.ts';
import type { PostmortemStatus } from '../schema/sections.ts';
import type { ActionItem, Defense, Factor, NearMiss, PostmortemSnapshot, TimelineEntry } from '../schema/snapshot.ts';

export const EXPORT_FORMAT = 'second-story/postmortem';
/** Bumped when the exported shape changes in a way old readers cannot read. */
export const EXPORT_VERSION = 1;

export interface ExportedPostmortem {
  id: string;
  status: PostmortemStatus;
  meta: PostmortemSnapshot['meta'];
  /** Rich-text parts as plain text, one paragraph per line, a hard break inside one as U+2028 (HARD_BREAK). */
  text: Record<RichTextRoot, string>;
  /** In time order; entries without a time last. */
  timeline: TimelineEntry[];
  factors: Factor[];
  defenses: Defense[];
  /**
   * `factorIds` name factors of `factors`, `defenseIds` defenses of `defenses` (always present,
   * empty when none); `layer` is the five-layer layer a person chose, absent when the app works it out.
   */
  actions: ExportedAction[];
  /** Approved anonymous notes only: pending ones never enter the shared document. */
  nearMisses: NearMiss[];
}

/** An action item as exported: the snapshot's fields, `defenseIds` always present. */
export type ExportedAction = Omit<ActionItem, 'defenseIds'> & { defenseIds: string[] };

export interface PostmortemExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  postmortem: ExportedPostmortem;
}

/** The JSON export of a snapshot; every field is copied by name, so nothing else can slip in. */
export function exportPostmortemJson(id: string, snapshot: PostmortemSnapshot, exportedAt = new Date()): PostmortemExport {
  const { meta, text } = snapshot;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    postmortem: {
      id,
      status: snapshot.moderation.status,
      meta: {
        title: meta.title,
        severity: meta.severity,
        services: [...meta.services],
        startedAt: meta.startedAt,
        detectedAt: meta.detectedAt,
        mitigatedAt: meta.mitigatedAt,
        resolvedAt: meta.resolvedAt,
      },
      text: {
        summary: text.summary,
        impact: text.impact,
        detection: text.detection,
        control: text.control,
        prevention: text.prevention,
        trigger: text.trigger,
        systemGap: text.systemGap,
      },
      timeline: snapshot.timeline.map((e) => ({ id: e.id, at: e.at, body: e.body, known: e.known })),
      factors: snapshot.factors.map((f) => ({ id: f.id, category: f.category, body: f.body })),
      defenses: snapshot.defenses.map((d) => ({ id: d.id, name: d.name, state: d.state, failure: d.failure })),
      actions: snapshot.actions.map((a) => ({
        id: a.id,
        action: a.action,
        kind: a.kind,
        owner: a.owner,
        due: a.due,
        status: a.status,
        factorIds: [...a.factorIds],
        createdAt: a.createdAt,
        closedAt: a.closedAt,
        ...(a.layer ? { layer: a.layer } : {}),
        defenseIds: [...(a.defenseIds ?? [])],
      })),
      nearMisses: snapshot.nearMisses.map((n) => ({ id: n.id, text: n.text, hour: n.hour })),
    },
  };
}
