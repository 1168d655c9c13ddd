/** Splits a snapshot into the text fields rules read, in document order. */
import type { PostmortemSnapshot } from '../schema/snapshot.ts';
import type { FindingSection, RuleContext, TextUnit } from './types.ts';

export function textUnits(snapshot: PostmortemSnapshot): TextUnit[] {
  const units: TextUnit[] = [];
  const push = (unit: TextUnit) => {
    if (unit.text.trim() !== '') units.push(unit);
  };
  push({ section: 'header', field: { kind: 'title' }, text: snapshot.meta.title });
  push({ section: 'summary', field: { kind: 'root', root: 'summary' }, text: snapshot.text.summary });
  for (const entry of snapshot.timeline) {
    push({ section: 'timeline', field: { kind: 'timeline', id: entry.id, field: 'body' }, text: entry.body });
    push({ section: 'timeline', field: { kind: 'timeline', id: entry.id, field: 'known' }, text: entry.known });
  }
  push({ section: 'impact', field: { kind: 'root', root: 'impact' }, text: snapshot.text.impact });
  push({ section: 'detection', field: { kind: 'root', root: 'detection' }, text: snapshot.text.detection });
  push({ section: 'control', field: { kind: 'root', root: 'control' }, text: snapshot.text.control });
  for (const defense of snapshot.defenses) push({ section: 'control', field: { kind: 'defense', id: defense.id }, text: defense.name });
  push({ section: 'factors', field: { kind: 'root', root: 'trigger' }, text: snapshot.text.trigger });
  for (const factor of snapshot.factors) push({ section: 'factors', field: { kind: 'factor', id: factor.id }, text: factor.body });
  push({ section: 'factors', field: { kind: 'root', root: 'systemGap' }, text: snapshot.text.systemGap });
  // Owners are not checked for names: an action item's owner may be a person.
  for (const action of snapshot.actions) push({ section: 'actions', field: { kind: 'action', id: action.id, field: 'action' }, text: action.action });
  push({ section: 'prevention', field: { kind: 'root', root: 'prevention' }, text: snapshot.text.prevention });
  return units;
}

/** Units of the given sections (a convenience for rules). */
export function unitsOf(ctx: RuleContext, sections: readonly FindingSection[]): TextUnit[] {
  return ctx.units.filter((u) => sections.includes(u.section));
}
