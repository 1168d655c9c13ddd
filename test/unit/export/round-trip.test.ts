/**
 * Export → import → export gives the same bytes, for documents made the way the app makes them,
 * and the import loses nothing the Markdown layout holds: hard breaks, the action items' chosen
 * layer and linked defenses included.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptySnapshot } from '../../../shared/checks/examples.ts';
import { exportPostmortemMarkdown } from '../../../shared/markdown/export.ts';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import {
  ACTION_KINDS,
  ACTION_LAYERS,
  ACTION_STATUSES,
  DEFENSE_FAILURES,
  DEFENSE_STATES,
  FACTOR_CATEGORIES,
  HARD_BREAK,
  RICH_TEXT_ROOTS,
  SEVERITIES,
  readSnapshot,
  seedFromSnapshot,
  type PostmortemSnapshot,
} from '../../../shared/schema/index.ts';
import { fixture } from '../markdown/fixtures.ts';
import { emptyDocument, richDocument } from './documents.ts';

/** EXPORT_RUNS=20000 for a deeper search. */
const RUNS = Number(process.env.EXPORT_RUNS ?? 250);

/** Markdown export of a document. */
const md = (doc: Y.Doc) => exportPostmortemMarkdown(readSnapshot(doc));

/** Markdown → a new document, as the import does. */
function imported(markdown: string): Y.Doc {
  const doc = new Y.Doc();
  seedFromSnapshot(doc, parsePostmortemMarkdown(markdown).snapshot);
  return doc;
}

// Pieces that reach every escape and every heuristic of the reader, mixed with arbitrary text.
const PIECES = [
  'the', 'pool', 'limit', ' ', ' ', '  ', '*', '**', '_', '__', 'a_b', '~', '~~', '`', '```', '#', '# ', '### ', '>', '> ',
  '- ', '-', '+ ', '* ', '1. ', '2) ', '10.', '|', '\\', '[', ']', '[x] ', '[ ] ', '(', ')', '<', '<br>', '<b>x</b>', '<!-- c -->',
  '&', '&amp;', '&#42;', '&copy', 'http://a.example/x_y', 'https://b.example/*x*', 'www.c.example', 'www.d.example/~e',
  'ops@e.example', ':', ': ', 'Tooling:', 'Process: ', 'tools - ', '[tooling] ', '(process)', 'Other:', '(owner: sre)',
  ', status page', ' — due soon', ' - kind', ' @oncall', 'known: ', 'TBD', 'n/a', 'none', '---', '===', '***', '!', '![i](p)',
  '[^1]', '[l]: /x', '\t', '14:05', '14:05 UTC — ', '2026-11-02', 'é', '漢字', '🙂', "won't", '"', "'", '{', '}', '$', '=',
  '?', '.', ',', ';', 'All times PDT', 'Trigger:', 'Summary', '## Impact', '\u00a0', '\u2028', '\r', '\f', 'x\\\n',
  // Hard breaks (Shift+Enter), and what may follow one at the start of a Markdown line.
  HARD_BREAK, ` ${HARD_BREAK} `, `${HARD_BREAK}===`, `${HARD_BREAK}# `, `${HARD_BREAK}- `, 'https://e.example/p',
  'Tooling', 'Process', '### Other',
];
const line = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 2 })), {
    maxLength: 10,
  })
  .map((parts) => parts.join(''));
/** Rich text: paragraphs, some empty. */
const rich = fc.array(line, { maxLength: 4 }).map((lines) => lines.join('\n'));
/** A time from <input type="datetime-local">: whole minutes, stored in UTC; or unset. */
const time = fc.oneof(
  fc.constant(''),
  fc.integer({ min: Date.UTC(2001, 0, 1) / 60_000, max: Date.UTC(2098, 11, 31) / 60_000 }).map((m) => new Date(m * 60_000).toISOString()),
);
/** A due date from <input type="date">, or unset. */
const due = fc.oneof(fc.constant(''), time.filter(Boolean).map((t) => t.slice(0, 10)));

const snapshot: fc.Arbitrary<PostmortemSnapshot> = fc
  .record({
    title: line.filter((t) => t.trim() !== ''),
    severity: fc.constantFrom(...SEVERITIES),
    services: fc.uniqueArray(line.map((s) => s.replaceAll(',', ' ').trim()).filter(Boolean), { maxLength: 3 }),
    times: fc.tuple(time, time, time, time),
    texts: fc.array(rich, { minLength: RICH_TEXT_ROOTS.length, maxLength: RICH_TEXT_ROOTS.length }),
    timeline: fc.array(fc.record({ at: time, body: rich, known: rich }), { maxLength: 4 }),
    factors: fc.array(fc.record({ category: fc.constantFrom(...FACTOR_CATEGORIES), body: rich }), { maxLength: 4 }),
    defenses: fc.array(
      fc.record({ name: line, state: fc.constantFrom(...DEFENSE_STATES), failure: fc.constantFrom(...DEFENSE_FAILURES) }),
      { maxLength: 3 },
    ),
    actions: fc.array(
      fc.record({
        action: line,
        kind: fc.constantFrom('' as const, ...ACTION_KINDS),
        owner: fc.oneof(line, fc.constantFrom('TBD', '—', 'n/a', '@sre')),
        due,
        status: fc.constantFrom(...ACTION_STATUSES),
        links: fc.array(fc.nat(5), { maxLength: 3 }),
        layer: fc.constantFrom(undefined, ...ACTION_LAYERS),
        defenseLinks: fc.array(fc.nat(4), { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((g) => {
    const s = emptySnapshot();
    s.meta = { title: g.title, severity: g.severity, services: g.services, startedAt: g.times[0], detectedAt: g.times[1], mitigatedAt: g.times[2], resolvedAt: g.times[3] };
    RICH_TEXT_ROOTS.forEach((root, i) => (s.text[root] = g.texts[i]!));
    s.timeline = g.timeline.map((e, i) => ({ id: `t${i}`, ...e }));
    s.factors = g.factors.map((f, i) => ({ id: `f${i}`, ...f }));
    s.defenses = g.defenses.map((d, i) => ({ id: `d${i}`, ...d }));
    s.actions = g.actions.map(({ links, layer, defenseLinks, ...a }, i) => ({
      id: `a${i}`,
      ...a,
      factorIds: links.map((n) => `f${n}`),
      createdAt: '',
      closedAt: '',
      ...(layer ? { layer } : {}),
      ...(defenseLinks.length > 0 ? { defenseIds: defenseLinks.map((n) => `d${n}`) } : {}),
    }));
    return s;
  });

/** A document the app could have made: built through the same helpers. */
function appDocument(s: PostmortemSnapshot): Y.Doc {
  const doc = new Y.Doc();
  seedFromSnapshot(doc, s);
  return doc;
}

// A carriage return is a line break in Markdown too. White space around a hard break is
// dropped, as the reader drops it, and a break at either end of a line is none (trim() takes it).
const lines = (text: string) =>
  text.split(/\r\n|\r|\n/).map((l) => l.trim().split(HARD_BREAK).map((part) => part.trim()).join(HARD_BREAK));
const trimmedLines = (text: string) => lines(text).join('\n').replace(/^\n+|\n+$/g, '');
/** A table cell has no hard breaks: one is a line break there. */
const cellLines = (text: string) => trimmedLines(text.replaceAll(HARD_BREAK, '\n'));
const PLACEHOLDER = /^(?:-+|—|–|\?+|tbd|tba|n\/?a|none|unassigned|unknown|)$/i;

/** What the Markdown layout promises to carry, in a form two documents can be compared by. */
function carried(s: PostmortemSnapshot) {
  const factors = s.factors.filter((f) => trimmedLines(f.body) !== '');
  const factorIndex = (id: string) => factors.findIndex((f) => f.id === id);
  const defenseIndex = (id: string) => s.defenses.findIndex((d) => d.id === id);
  return {
    meta: { ...s.meta, title: s.meta.title.replace(/\s+/g, ' ').trim() },
    text: Object.fromEntries(RICH_TEXT_ROOTS.map((r) => [r, lines(s.text[r]).filter(Boolean).join('\n')])),
    timeline: s.timeline.map((e) => ({ at: e.at, body: cellLines(e.body), known: cellLines(e.known) })),
    factors: factors.map((f) => ({ category: f.category, body: trimmedLines(f.body) })),
    defenses: s.defenses.map((d) => ({ name: cellLines(d.name), state: d.state, failure: d.failure })),
    actions: s.actions.map((a) => ({
      action: cellLines(a.action),
      kind: a.kind,
      owner: PLACEHOLDER.test(a.owner.trim()) ? '' : cellLines(a.owner),
      due: a.due,
      status: a.status,
      factors: [...new Set(a.factorIds.map(factorIndex).filter((i) => i >= 0))].sort((x, y) => x - y),
      layer: a.layer ?? null,
      defenses: [...new Set((a.defenseIds ?? []).map(defenseIndex).filter((i) => i >= 0))].sort((x, y) => x - y),
    })),
  };
}

describe('export → import → export', () => {
  it('gives the same bytes for the rich and the empty document', () => {
    for (const doc of [richDocument(), emptyDocument()]) {
      const first = md(doc);
      const { warnings, unmapped } = parsePostmortemMarkdown(first);
      expect(warnings).toEqual([]);
      expect(unmapped).toEqual([]);
      expect(md(imported(first))).toBe(first);
    }
  });

  it('gives the same bytes for any document made in the app, and keeps everything the layout holds', () => {
    fc.assert(
      fc.property(snapshot, (s) => {
        const doc = appDocument(s);
        const first = md(doc);
        const again = imported(first);
        expect(md(again)).toBe(first);
        const before = readSnapshot(doc);
        const after = readSnapshot(again);
        expect(carried(after)).toEqual(carried(before));
      }),
      { numRuns: RUNS },
    );
  }, Math.max(60_000, RUNS * 30));

  it('reads back from the Markdown everything the layout holds, before any document is made', () => {
    fc.assert(
      fc.property(snapshot, (s) => {
        const { snapshot: back, warnings } = parsePostmortemMarkdown(exportPostmortemMarkdown(s));
        expect(carried(back)).toEqual(carried(s));
        expect(warnings.filter((w) => /layer|defense/i.test(w))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, Math.max(60_000, RUNS * 30));

  it('reaches the same bytes after one import of a variant layout, and keeps them', () => {
    const variants = ['extended.md', 'list-timeline.md', 'headings-variants.md', 'google-sre.md', 'gitlab.md', 'template.md', 'blame.md', 'clean.md', 'time-only.md', 'lossy.md'];
    for (const name of variants) {
      const once = md(imported(fixture(name)));
      expect(md(imported(once)), name).toBe(once);
    }
  });
});
