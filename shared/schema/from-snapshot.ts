/**
 * Builds a new postmortem document from plain data (an imported Markdown file, a JSON export),
 * through the same helpers the app and the server use, so it has exactly the shapes they build.
 */
import * as Y from 'yjs';
import { addAction, addDefense, addFactor, addTimelineEntry, fillFragment, newRowId, roots, seedPostmortem } from './document.ts';
import { RICH_TEXT_ROOTS } from './roots.ts';
import type { ActionStatus } from './sections.ts';
import type { ActionItem, PostmortemSnapshot } from './snapshot.ts';

function isClosed(status: ActionStatus): boolean {
  return status === 'done' || status === 'wont-do';
}

function validTime(iso: string, notAfter: number): number | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) || t > notAfter ? null : t;
}

/** A note's time is kept to the hour only (PRODUCT.md: anonymous notes). */
function toHour(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const hour = new Date(t);
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString();
}

/**
 * Created and closed stamps for an imported action item. Stamps the source has are kept. Without
 * them, an item counts as created when the incident ended (the earliest a follow-up of it can
 * exist: the first of resolved, mitigated, detected, started that is known), and a closed item
 * as closed at the import (the latest it can have been closed), so time-to-close is never a
 * made-up zero and never runs backwards.
 */
export function actionStamps(action: ActionItem, meta: PostmortemSnapshot['meta'], now: Date): { createdAt: string; closedAt: string } {
  const nowMs = now.getTime();
  const anchor = [meta.resolvedAt, meta.mitigatedAt, meta.detectedAt, meta.startedAt]
    .map((t) => validTime(t, nowMs))
    .find((t) => t !== null);
  const created = validTime(action.createdAt, nowMs) ?? anchor ?? nowMs;
  if (!isClosed(action.status)) return { createdAt: new Date(created).toISOString(), closedAt: '' };
  const given = validTime(action.closedAt, nowMs);
  const closed = given !== null && given >= created ? given : nowMs;
  return { createdAt: new Date(created).toISOString(), closedAt: new Date(closed).toISOString() };
}

/** The new document's ids for `ids` of the snapshot (ones it does not know are dropped). */
function linked(ids: readonly string[], to: ReadonlyMap<string, string>): string[] {
  return ids.map((id) => to.get(id)).filter((id): id is string => id !== undefined);
}

/**
 * Seeds an empty Y.Doc with a snapshot's content: header, rich-text parts (hard breaks as
 * hardBreak nodes), timeline, factors, defenses, action items (layer, factor and defense links
 * kept) and approved near-miss notes. Rows get new ids. The
 * document starts as a draft with no locks or section states: publishing goes through the gate.
 */
export function seedFromSnapshot(doc: Y.Doc, snapshot: PostmortemSnapshot, now = new Date(), origin?: unknown): void {
  doc.transact(() => {
    // Before seeding: seedPostmortem only gives a still-empty part its empty paragraph.
    for (const name of RICH_TEXT_ROOTS) fillFragment(doc.getXmlFragment(name), snapshot.text[name] ?? '');
    seedPostmortem(doc, { title: snapshot.meta.title, severity: snapshot.meta.severity }, now);
    const { meta, actions, nearMisses } = roots(doc);
    (meta.get('services') as Y.Array<string>).push([...snapshot.meta.services]);
    for (const key of ['startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const) {
      if (snapshot.meta[key]) meta.set(key, snapshot.meta[key]);
    }
    for (const entry of snapshot.timeline) addTimelineEntry(doc, { at: entry.at, body: entry.body, known: entry.known }, origin);
    const factorIds = new Map<string, string>();
    for (const factor of snapshot.factors) factorIds.set(factor.id, addFactor(doc, { category: factor.category, body: factor.body }, origin));
    const defenseIds = new Map<string, string>();
    for (const defense of snapshot.defenses) defenseIds.set(defense.id, addDefense(doc, { name: defense.name, state: defense.state, failure: defense.failure }, origin));
    for (const action of snapshot.actions) {
      addAction(
        doc,
        {
          action: action.action,
          kind: action.kind,
          owner: action.owner,
          due: action.due,
          status: action.status,
          factorIds: linked(action.factorIds, factorIds),
          ...(action.layer ? { layer: action.layer } : {}),
          defenseIds: linked(action.defenseIds ?? [], defenseIds),
        },
        origin,
        now,
      );
      const row = actions.get(actions.length - 1);
      const stamps = actionStamps(action, snapshot.meta, now);
      row.set('createdAt', stamps.createdAt);
      row.set('closedAt', stamps.closedAt);
    }
    for (const note of snapshot.nearMisses) {
      const row = new Y.Map<unknown>();
      row.set('id', newRowId());
      row.set('text', note.text);
      row.set('hour', toHour(note.hour));
      nearMisses.push([row]);
    }
  }, origin);
}
