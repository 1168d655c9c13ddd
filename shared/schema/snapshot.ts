/**
 * The whole postmortem as plain data, read from a Y.Doc. The checks engine, exports, the
 * server's index and the tests all read this one shape.
 */
import * as Y from 'yjs';
import { fragmentText, listRows, roots, sortedTimeline, type YRow } from './document.ts';
import type { RichTextRoot } from './roots.ts';
import { RICH_TEXT_ROOTS } from './roots.ts';
import { ACTION_LAYERS, type ActionLayer } from './sections.ts';
import type {
  ActionKind,
  ActionStatus,
  DefenseFailure,
  DefenseState,
  FactorCategory,
  PostmortemStatus,
  SectionStatus,
  Severity,
} from './sections.ts';

export interface TimelineEntry {
  id: string;
  at: string;
  body: string;
  known: string;
}
export interface Factor {
  id: string;
  category: FactorCategory;
  body: string;
}
export interface Defense {
  id: string;
  name: string;
  state: DefenseState;
  failure: DefenseFailure;
}
export interface ActionItem {
  id: string;
  action: string;
  kind: ActionKind | '';
  owner: string;
  due: string;
  status: ActionStatus;
  factorIds: string[];
  createdAt: string;
  closedAt: string;
  /** The analysis layer the action fixes, when a person chose one (otherwise the app works it out). */
  layer?: ActionLayer;
  /** Defenses of the control gap the action repairs, when linked. */
  defenseIds?: string[];
}
export interface NearMiss {
  id: string;
  text: string;
  hour: string;
}

export interface PostmortemSnapshot {
  meta: {
    title: string;
    severity: Severity;
    services: string[];
    startedAt: string;
    detectedAt: string;
    mitigatedAt: string;
    resolvedAt: string;
  };
  moderation: {
    status: PostmortemStatus;
    locks: Record<string, boolean>;
    sectionStatus: Record<string, SectionStatus>;
    sectionOwner: Record<string, string>;
  };
  text: Record<RichTextRoot, string>;
  timeline: TimelineEntry[];
  factors: Factor[];
  defenses: Defense[];
  actions: ActionItem[];
  nearMisses: NearMiss[];
}

function str(row: Y.Map<unknown>, key: string): string {
  const v = row.get(key);
  if (typeof v === 'string') return v;
  if (v instanceof Y.Text) return v.toString();
  return '';
}

function strings(value: unknown): string[] {
  if (value instanceof Y.Array) return value.toArray().filter((v): v is string => typeof v === 'string');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function record<T>(value: unknown): Record<string, T> {
  if (value instanceof Y.Map) return Object.fromEntries(value.entries()) as Record<string, T>;
  return {};
}

function layerOf(row: YRow): { layer?: ActionLayer } {
  const layer = ACTION_LAYERS.find((l) => l === row.get('layer'));
  return layer ? { layer } : {};
}

function defensesOf(row: YRow): { defenseIds?: string[] } {
  const ids = strings(row.get('defenseIds'));
  return ids.length > 0 ? { defenseIds: ids } : {};
}

function richField(row: YRow, key: string): string {
  const v = row.get(key);
  if (v instanceof Y.XmlFragment || v instanceof Y.XmlElement) return fragmentText(v);
  return typeof v === 'string' ? v : '';
}

/** Reads the document into plain data. Missing fields read as empty values, never throw. */
export function readSnapshot(doc: Y.Doc): PostmortemSnapshot {
  const r = roots(doc);
  const text = Object.fromEntries(RICH_TEXT_ROOTS.map((name) => [name, fragmentText(r.richText(name))])) as Record<
    RichTextRoot,
    string
  >;
  return {
    meta: {
      title: str(r.meta, 'title'),
      severity: (str(r.meta, 'severity') || 'SEV3') as Severity,
      services: strings(r.meta.get('services')),
      startedAt: str(r.meta, 'startedAt'),
      detectedAt: str(r.meta, 'detectedAt'),
      mitigatedAt: str(r.meta, 'mitigatedAt'),
      resolvedAt: str(r.meta, 'resolvedAt'),
    },
    moderation: {
      status: (str(r.moderation, 'status') || 'draft') as PostmortemStatus,
      locks: record<boolean>(r.moderation.get('locks')),
      sectionStatus: record<SectionStatus>(r.moderation.get('sectionStatus')),
      sectionOwner: record<string>(r.moderation.get('sectionOwner')),
    },
    text,
    timeline: sortedTimeline(r.timeline).map((row) => ({
      id: str(row, 'id'),
      at: str(row, 'at'),
      body: richField(row, 'body'),
      known: richField(row, 'known'),
    })),
    factors: listRows(r.factors).map((row) => ({
      id: str(row, 'id'),
      category: (str(row, 'category') || 'other') as FactorCategory,
      body: richField(row, 'body'),
    })),
    defenses: listRows(r.defenses).map((row) => ({
      id: str(row, 'id'),
      name: str(row, 'name'),
      state: (str(row, 'state') || 'failed') as DefenseState,
      failure: (str(row, 'failure') || 'latent') as DefenseFailure,
    })),
    actions: listRows(r.actions).map((row) => ({
      id: str(row, 'id'),
      action: str(row, 'action'),
      kind: str(row, 'kind') as ActionKind | '',
      owner: str(row, 'owner'),
      due: str(row, 'due'),
      status: (str(row, 'status') || 'open') as ActionStatus,
      factorIds: strings(row.get('factorIds')),
      createdAt: str(row, 'createdAt'),
      closedAt: str(row, 'closedAt'),
      ...layerOf(row),
      ...defensesOf(row),
    })),
    nearMisses: listRows(r.nearMisses).map((row) => ({
      id: str(row, 'id'),
      text: str(row, 'text'),
      hour: str(row, 'hour'),
    })),
  };
}
