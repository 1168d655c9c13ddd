/** Property tests of the checks engine: total, in-range and deterministic on any text anywhere. */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChecks, stableHash } from '../../../shared/checks/engine.ts';
import { emptySnapshot, snapshotWithText } from '../../../shared/checks/examples.ts';
import { createMemo } from '../../../shared/checks/memo.ts';
import { ALL_RULES } from '../../../shared/checks/rules/index.ts';
import { LANGUAGE_RULES, fieldKey, type ExamplePlacement, type RuleContext } from '../../../shared/checks/types.ts';
import { textUnits } from '../../../shared/checks/units.ts';
import type { PostmortemSnapshot } from '../../../shared/schema/snapshot.ts';

const PLACEMENTS: ExamplePlacement[] = ['summary', 'timeline', 'impact', 'control', 'factor', 'action', 'prevention'];

// Words that reach the rules' deeper paths, mixed with arbitrary text.
const WORDS = [
  'Sarah', 'jsmith', '@maria', 'Jenkins', 'who', 'approved', 'why', 'did', "didn't", 'should', 'have', 'been', 'checked',
  'failed', 'to', 'forgot', 'if', 'only', 'had', 'obviously', 'clearly', 'of', 'course', 'in', 'hindsight', 'human', 'error',
  'root', 'cause', 'analysis', 'five', 'whys', 'be', 'more', 'careful', 'remind', 'engineers', 'the', 'on-call', 'engineer',
  'retry', '?', '.', ',', ':', '\n', '—', '(', ')', '"', "'s", 'YP', 'noticed', 'ensure', 'training', 'Tom', 'Kafka',
];
const prose = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((w) => w.join(' ')),
);

function fullSnapshot(texts: string[]): PostmortemSnapshot {
  const s = emptySnapshot();
  const t = (i: number) => texts[i % texts.length] ?? '';
  s.meta.title = t(0);
  s.text.summary = t(1);
  s.text.impact = t(2);
  s.text.detection = t(3);
  s.text.control = t(4);
  s.text.trigger = t(5);
  s.text.systemGap = t(6);
  s.text.prevention = t(7);
  s.timeline.push({ id: 'e1', at: '2026-11-02T14:05:00.000Z', body: t(8), known: t(9) });
  s.factors.push({ id: 'f1', category: 'process', body: t(10) });
  s.defenses.push({ id: 'd1', name: t(11), state: 'failed', failure: 'latent' });
  s.actions.push({ id: 'a1', action: t(12), kind: '', owner: t(13), due: '', status: 'open', factorIds: [], createdAt: '', closedAt: '' });
  return s;
}

/** Findings whose location is not inside their field's text (or whose excerpt is not what it points at). */
function misplaced(snapshot: PostmortemSnapshot): string[] {
  const texts = new Map(textUnits(snapshot).map((u) => [fieldKey(u.field), u.text]));
  const bad: string[] = [];
  for (const f of runChecks({ snapshot, now: '2026-11-28T12:00:00.000Z' }).findings) {
    const { field, start, end } = f.location;
    if (field === null) {
      if (start !== 0 || end !== 0) bad.push(`${f.rule}: section finding at ${start}-${end}`);
      continue;
    }
    const text = texts.get(fieldKey(field));
    if (text === undefined) bad.push(`${f.rule}: no field ${fieldKey(field)}`);
    else if (start < 0 || start > end || end > text.length) bad.push(`${f.rule}: ${start}-${end} outside 0-${text.length}`);
    else if (start < end && f.excerpt !== text.slice(start, end)) bad.push(`${f.rule}: excerpt ${f.excerpt} is not ${text.slice(start, end)}`);
  }
  return bad;
}

describe('runChecks on arbitrary text', () => {
  it('never throws, in any placement', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACEMENTS), prose, (placement, text) => {
        expect(() => runChecks({ snapshot: snapshotWithText(placement, text) })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('never throws inside a language rule either (the engine would hide it)', () => {
    const rules = ALL_RULES.filter((r) => (LANGUAGE_RULES as readonly string[]).includes(r.id));
    fc.assert(
      fc.property(fc.array(prose, { minLength: 1, maxLength: 14 }), (texts) => {
        const snapshot = fullSnapshot(texts);
        const ctx: RuleContext = { input: { snapshot }, units: textUnits(snapshot), knownPeople: new Set(['maria lopez', 'jsmith']), memo: createMemo() };
        for (const rule of rules) expect(() => rule.check(ctx)).not.toThrow();
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });

  it('puts every finding inside its own field’s text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACEMENTS), prose, (placement, text) => {
        expect(misplaced(snapshotWithText(placement, text))).toEqual([]);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(prose, { minLength: 1, maxLength: 14 }), (texts) => {
        expect(misplaced(fullSnapshot(texts))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('gives the same output for the same input, with a cold or a warm memo', () => {
    const memo = createMemo();
    fc.assert(
      fc.property(fc.array(prose, { minLength: 1, maxLength: 14 }), (texts) => {
        const snapshot = fullSnapshot(texts);
        const cold = runChecks({ snapshot, roster: ['Maria Lopez'] });
        const again = runChecks({ snapshot, roster: ['Maria Lopez'] });
        const warm = runChecks({ snapshot, roster: ['Maria Lopez'] }, { memo });
        const warmAgain = runChecks({ snapshot, roster: ['Maria Lopez'] }, { memo });
        expect(again).toEqual(cold);
        expect(warm).toEqual(cold);
        expect(warmAgain).toEqual(cold);
      }),
      { numRuns: 80 },
    );
  });
});

const named = (text: string) => runChecks({ snapshot: snapshotWithText('timeline', text) }).findings.filter((f) => f.rule === 'named-individual');

describe('finding ids (what dismissals key on)', () => {
  it('hash the rule, the field, the sentence, the excerpt and the occurrence, and survive edits elsewhere', () => {
    const text = 'Sarah paged the DBA. The deploy failed. Sarah paged the DBA.';
    const [first, second] = named(text);
    expect(first?.id).toBe(stableHash('named-individual|timeline:e1:body|Sarah paged the DBA.|Sarah|0'));
    expect(second?.id).toBe(stableHash('named-individual|timeline:e1:body|Sarah paged the DBA.|Sarah|1'));
    const edited = named('Sarah paged the DBA. The deploy failed at 14:05 after a retry storm. Sarah paged the DBA.');
    expect(edited.map((f) => f.id)).toEqual([first?.id, second?.id]);
    // Changing the flagged sentence itself gives a new id: the dismissal no longer applies.
    expect(named('Sarah paged the database team.')[0]?.id).not.toBe(first?.id);
  });

  it('point at every name of one long unpunctuated sentence, each with its own id', () => {
    const people = ['Sarah', 'Priya', 'Kenji', 'José', 'Zoë', 'Søren', 'Łukasz', 'Renée'];
    const clauses = Array.from({ length: 1000 }, (_, i) => `${people[i % people.length]} paged ${people[(i + 3) % people.length]}`);
    const text = clauses.join(' and ');
    const found = named(text);
    expect(found).toHaveLength(clauses.length * 2);
    let from = 0;
    for (const f of found) {
      expect(people).toContain(f.excerpt);
      expect(text.slice(f.location.start, f.location.end)).toBe(f.excerpt);
      expect(f.location.start).toBeGreaterThanOrEqual(from);
      from = f.location.end;
    }
    expect(new Set(found.map((f) => f.id)).size).toBe(found.length);
    // The whole text is the sentence a dismissal is attached to, as for short text.
    expect(found[0]?.id).toBe(stableHash(`named-individual|timeline:e1:body|${text}|Sarah|0`));
  });
});
