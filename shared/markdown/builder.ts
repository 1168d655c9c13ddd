/** Collects what the readers find into a snapshot, its source positions and the notes for the reader. */
import { emptySnapshot } from '../checks/examples.ts';
import { fieldKey } from '../checks/types.ts';
import type { FindingSection } from '../checks/types.ts';
import type { RichTextRoot } from '../schema/roots.ts';
import type { ActionKind, ActionLayer, ActionStatus, DefenseFailure, DefenseState, FactorCategory } from '../schema/sections.ts';
import type { PostmortemSnapshot } from '../schema/snapshot.ts';
import { MappedText } from './mapped-text.ts';
import { PositionsBuilder, type SourcePositions } from './positions.ts';
import type { TimeContext } from './times.ts';

export interface ParsedPostmortem {
  readonly snapshot: PostmortemSnapshot;
  readonly positions: SourcePositions;
  /** Headings, sections and labels that map to no part of the template (their content is not read). */
  readonly unmapped: string[];
  /** What was read with a guess or not read at all, one sentence each. */
  readonly warnings: string[];
}

export interface NewAction {
  readonly action: MappedText;
  readonly owner: MappedText;
  readonly kind: ActionKind | '';
  readonly due: string;
  readonly status: ActionStatus;
  /** Factor references as written ("F1", "2"), resolved once every factor is read. */
  readonly factorRefs: readonly string[];
  /** The five-layer layer the item fixes, when one was written. */
  readonly layer?: ActionLayer | undefined;
  /** Defense references as written ("D1", "2", or a defense's name), resolved once every defense is read. */
  readonly defenseRefs?: readonly string[];
  readonly offset: number;
}

/** The number in a reference such as "F2", "factor 2", "#2" or "2" (with `letter` F). */
function referenceNumber(ref: string, letter: string, word: string): number | null {
  const n = new RegExp(`^\\s*(?:(?:${word}|${letter})\\s*)?#?\\s*(\\d+)\\s*$`, 'i').exec(ref)?.[1];
  return n ? Number(n) : null;
}

export class SnapshotBuilder {
  readonly snapshot = emptySnapshot();
  readonly time: TimeContext = { date: '', zone: null };
  readonly unmapped: string[] = [];
  readonly warnings: string[] = [];
  /** Set once any time was read as UTC because no zone was written or known. */
  assumedUtc = false;
  private readonly positions: PositionsBuilder;
  private title: MappedText = MappedText.EMPTY;
  private readonly roots = new Map<RichTextRoot, MappedText[]>();
  private readonly actionRefs = new Map<string, { factors: readonly string[]; defenses: readonly string[] }>();

  constructor(source: string) {
    this.positions = new PositionsBuilder(source);
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  skip(name: string): void {
    const trimmed = name.trim();
    if (trimmed && !this.unmapped.includes(trimmed)) this.unmapped.push(trimmed);
  }

  section(section: FindingSection, offset: number): void {
    this.positions.section(section, offset);
  }

  hasTitle(): boolean {
    return this.title.length > 0;
  }

  setTitle(title: MappedText, offset: number): void {
    this.title = title.trim();
    this.section('header', offset);
  }

  addRootLines(root: RichTextRoot, lines: readonly MappedText[]): void {
    const kept = lines.map((l) => l.trim()).filter((l) => l.length > 0);
    if (kept.length > 0) this.roots.set(root, [...(this.roots.get(root) ?? []), ...kept]);
  }

  hasRoot(root: RichTextRoot): boolean {
    return (this.roots.get(root) ?? []).length > 0;
  }

  addTimeline(entry: { at: string; body: MappedText; known: MappedText; offset: number }): void {
    const id = `t${this.snapshot.timeline.length + 1}`;
    const body = entry.body.trim();
    const known = entry.known.trim();
    this.snapshot.timeline.push({ id, at: entry.at, body: body.text, known: known.text });
    this.positions.field(fieldKey({ kind: 'timeline', id, field: 'body' }), body);
    this.positions.field(fieldKey({ kind: 'timeline', id, field: 'known' }), known);
    this.positions.row(id, entry.offset);
  }

  addFactor(factor: { category: FactorCategory; body: MappedText; offset: number }): void {
    const id = `f${this.snapshot.factors.length + 1}`;
    const body = factor.body.trim();
    if (body.length === 0) return;
    this.snapshot.factors.push({ id, category: factor.category, body: body.text });
    this.positions.field(fieldKey({ kind: 'factor', id }), body);
    this.positions.row(id, factor.offset);
  }

  addDefense(defense: { name: MappedText; state: DefenseState; failure: DefenseFailure; offset: number }): void {
    const id = `d${this.snapshot.defenses.length + 1}`;
    const name = defense.name.trim();
    this.snapshot.defenses.push({ id, name: name.text, state: defense.state, failure: defense.failure });
    this.positions.field(fieldKey({ kind: 'defense', id }), name);
    this.positions.row(id, defense.offset);
  }

  addAction(item: NewAction): void {
    const id = `a${this.snapshot.actions.length + 1}`;
    const action = item.action.trim();
    const owner = item.owner.trim();
    this.snapshot.actions.push({
      id,
      action: action.text,
      kind: item.kind,
      owner: owner.text,
      due: item.due,
      status: item.status,
      factorIds: [],
      createdAt: '',
      closedAt: '',
      ...(item.layer ? { layer: item.layer } : {}),
    });
    this.actionRefs.set(id, { factors: item.factorRefs, defenses: item.defenseRefs ?? [] });
    this.positions.field(fieldKey({ kind: 'action', id, field: 'action' }), action);
    this.positions.field(fieldKey({ kind: 'action', id, field: 'owner' }), owner);
    this.positions.row(id, item.offset);
  }

  finish(): ParsedPostmortem {
    const snap = this.snapshot;
    snap.meta.title = this.title.text;
    this.positions.field('title', this.title);
    for (const [root, lines] of this.roots) {
      const text = MappedText.join(lines, '\n');
      snap.text[root] = text.text;
      this.positions.field(fieldKey({ kind: 'root', root }), text);
    }
    const factorIds = new Set(snap.factors.map((f) => f.id));
    const defenseIds = new Set(snap.defenses.map((d) => d.id));
    const defenseNames = new Map(snap.defenses.map((d) => [d.name.trim().toLowerCase(), d.id]));
    for (const action of snap.actions) {
      const refs = this.actionRefs.get(action.id);
      for (const ref of refs?.factors ?? []) {
        const n = referenceNumber(ref, 'f', 'factor');
        const id = n !== null ? `f${n}` : '';
        if (factorIds.has(id) && !action.factorIds.includes(id)) action.factorIds.push(id);
        else if (ref.trim()) this.warn(`Action item "${action.action}": factor "${ref.trim()}" not found.`);
      }
      const linked: string[] = [];
      for (const ref of refs?.defenses ?? []) {
        const n = referenceNumber(ref, 'd', 'defen[cs]e');
        const id = n !== null ? `d${n}` : (defenseNames.get(ref.trim().toLowerCase()) ?? '');
        if (defenseIds.has(id)) {
          if (!linked.includes(id)) linked.push(id);
        } else if (ref.trim()) this.warn(`Action item "${action.action}": defense "${ref.trim()}" not found.`);
      }
      if (linked.length > 0) action.defenseIds = linked;
    }
    if (this.assumedUtc) this.warn('Times without a time zone were read as UTC.');
    return { snapshot: snap, positions: this.positions.build(), unmapped: this.unmapped, warnings: this.warnings };
  }
}
