/**
 * The five-layer descent as data: event → trigger → contributing factors → control failure →
 * system gap, each with what is written at that layer and the action items that fix it.
 * Pure and DOM-free, so the attachment rules are unit-tested in Node.
 */
import { contentWords, isBlank } from '../../shared/checks/words.ts';
import { LABELS, type ActionKind } from '../../shared/schema/sections.ts';
import type { ActionItem, PostmortemSnapshot } from '../../shared/schema/snapshot.ts';

export const LAYER_IDS = ['event', 'trigger', 'factors', 'control', 'systemGap'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export const LAYER_TITLES: Record<LayerId, string> = {
  event: 'Event',
  trigger: 'Trigger',
  factors: 'Contributing factors',
  control: 'Control failure',
  systemGap: 'System gap',
};

/** Why an action item sits at its layer. */
export type AttachReason =
  | 'chosen'
  | 'linked-defenses'
  | 'linked-factors'
  | 'control-kind'
  | 'system-gap-words'
  | 'trigger-words'
  | 'closest-words'
  | 'system-kind'
  | 'unplaced';

export interface Placement {
  layer: LayerId | null;
  reason: AttachReason;
}

/** One line written at a layer: a factor, a failed defense. */
export interface LayerEntry {
  id: string;
  /** "F2", "D1": how the rest of the document names it. */
  tag: string;
  text: string;
  note: string;
}

export interface AttachedAction extends Placement {
  id: string;
  /** "A1": the action's number in the list. */
  tag: string;
  text: string;
  kind: ActionKind | '';
  /** In words, for the picture: "linked to F1", "kind: control". */
  because: string;
}

export interface Layer {
  id: LayerId;
  number: number;
  title: string;
  text: string;
  entries: LayerEntry[];
  empty: boolean;
  /** Layers 4 and 5: where fixes live. */
  fixesLiveHere: boolean;
  actions: AttachedAction[];
}

export interface FiveLayers {
  layers: Layer[];
  /** Actions that could not be tied to any layer. */
  unplaced: AttachedAction[];
}

/** The texts each layer is compared with. */
export interface LayerTexts {
  factorIds: ReadonlySet<string>;
  /** Defenses that failed or were absent: linking one of them places an action at the control failure. */
  defenseIds?: ReadonlySet<string>;
  trigger: string;
  factors: string;
  control: string;
  systemGap: string;
}

const SYSTEM_KINDS: ReadonlySet<string> = new Set(['default', 'automation', 'interface']);

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first sentence of a text (up to a full stop, question or exclamation mark followed by a space). */
export function firstSentence(text: string): string {
  const t = flat(text);
  const m = /^.*?[.!?](?=\s+[A-Z0-9"“(]|$)/.exec(t);
  return (m ? m[0] : t).trim();
}

function overlap(words: ReadonlySet<string>, text: string): number {
  let n = 0;
  for (const w of contentWords(text)) if (words.has(w)) n += 1;
  return n;
}

/**
 * Where an action item belongs. Linked factors win; then the kind (a control fixes the control
 * failure); then shared words: a default, automation or interface sharing words with the system
 * gap closes it, and words shared only with the trigger aim at the trigger.
 */
export function placeAction(
  action: Pick<ActionItem, 'action' | 'kind' | 'factorIds' | 'layer' | 'defenseIds'>,
  texts: LayerTexts,
): Placement {
  // A layer a person chose wins over anything worked out; a repaired defense is the control failure.
  if (action.layer) return { layer: action.layer, reason: 'chosen' };
  if ((action.defenseIds ?? []).some((id) => texts.defenseIds?.has(id))) return { layer: 'control', reason: 'linked-defenses' };
  if (action.factorIds.some((id) => texts.factorIds.has(id))) return { layer: 'factors', reason: 'linked-factors' };
  if (action.kind === 'control') return { layer: 'control', reason: 'control-kind' };
  const words = contentWords(action.action);
  const systemKind = SYSTEM_KINDS.has(action.kind);
  const scores = {
    trigger: overlap(words, texts.trigger),
    factors: overlap(words, texts.factors),
    control: overlap(words, texts.control),
    systemGap: overlap(words, texts.systemGap),
  };
  if (systemKind && scores.systemGap > 0) return { layer: 'systemGap', reason: 'system-gap-words' };
  const deeper = scores.factors + scores.control + scores.systemGap;
  if (scores.trigger > 0 && deeper === 0) return { layer: 'trigger', reason: 'trigger-words' };
  // The deepest layer with the most shared words (ties go deeper: that is where fixes live).
  const ranked = (['systemGap', 'control', 'factors'] as const).filter((l) => scores[l] > 0).sort((a, b) => scores[b] - scores[a]);
  if (ranked[0]) return { layer: ranked[0], reason: 'closest-words' };
  if (systemKind) return { layer: 'systemGap', reason: 'system-kind' };
  return { layer: null, reason: 'unplaced' };
}

function because(p: Placement, action: ActionItem, factorTags: ReadonlyMap<string, string>): string {
  switch (p.reason) {
    case 'chosen':
      return 'chosen in the action item';
    case 'linked-defenses':
      return 'repairs a defense that failed';
    case 'linked-factors':
      return `linked to ${action.factorIds.flatMap((id) => factorTags.get(id) ?? []).join(', ')}`;
    case 'control-kind':
      return 'kind: control';
    case 'system-gap-words':
      return `${action.kind}, shares words with the system gap`;
    case 'trigger-words':
      return 'shares words only with the trigger';
    case 'closest-words':
      return `shares the most words with the ${LAYER_TITLES[p.layer ?? 'event'].toLowerCase()}`;
    case 'system-kind':
      return `kind: ${action.kind}`;
    case 'unplaced':
      return 'no linked factor, no kind and no shared words';
  }
}

/** The five layers of a postmortem, with every written action item attached to the layer it fixes. */
export function buildFiveLayers(snapshot: PostmortemSnapshot): FiveLayers {
  const factors = snapshot.factors
    .map((f, i) => ({ id: f.id, tag: `F${i + 1}`, text: flat(f.body), note: LABELS[f.category] ?? capitalize(f.category) }))
    .filter((f) => f.text !== '');
  const defenses = snapshot.defenses
    .map((d, i) => ({ ...d, tag: `D${i + 1}` }))
    .filter((d) => d.state !== 'held')
    .map((d) => ({
      id: d.id,
      tag: d.tag,
      text: flat(d.name) || `Defense ${d.tag.slice(1)}`,
      note: `${LABELS[d.state] ?? d.state} · ${(LABELS[d.failure] ?? d.failure).toLowerCase()}`,
    }));
  const factorTags = new Map(snapshot.factors.map((f, i) => [f.id, `F${i + 1}`]));
  const texts: LayerTexts = {
    factorIds: new Set(snapshot.factors.map((f) => f.id)),
    defenseIds: new Set(snapshot.defenses.filter((d) => d.state !== 'held').map((d) => d.id)),
    trigger: snapshot.text.trigger,
    factors: factors.map((f) => f.text).join('\n'),
    control: [snapshot.text.control, ...defenses.map((d) => d.text)].join('\n'),
    systemGap: snapshot.text.systemGap,
  };
  const actions: AttachedAction[] = snapshot.actions
    .map((a, i) => ({ a, tag: `A${i + 1}` }))
    .filter(({ a }) => !isBlank(a.action))
    .map(({ a, tag }) => {
      const p = placeAction(a, texts);
      return { ...p, id: a.id, tag, text: flat(a.action), kind: a.kind, because: because(p, a, factorTags) };
    });

  const event = firstSentence(snapshot.text.summary) || flat(snapshot.meta.title);
  const written: Record<LayerId, { text: string; entries: LayerEntry[] }> = {
    event: { text: event, entries: [] },
    trigger: { text: flat(snapshot.text.trigger), entries: [] },
    factors: { text: '', entries: factors },
    control: { text: flat(snapshot.text.control), entries: defenses },
    systemGap: { text: flat(snapshot.text.systemGap), entries: [] },
  };
  const layers = LAYER_IDS.map((id, i): Layer => {
    const { text, entries } = written[id];
    return {
      id,
      number: i + 1,
      title: LAYER_TITLES[id],
      text,
      entries,
      empty: text === '' && entries.length === 0,
      fixesLiveHere: id === 'control' || id === 'systemGap',
      actions: actions.filter((a) => a.layer === id),
    };
  });
  return { layers, unplaced: actions.filter((a) => a.layer === null) };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
