/**
 * A realistic postmortem of a given size for the checks' performance measurements
 * (scripts/checks-perf.ts and the bench's engine and paint scenarios): sentences from the
 * labelled checks corpus, in timeline entries, factors, action items and long root sections.
 * Seeded, so every run measures the same document.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { emptySnapshot } from '../../shared/checks/examples.ts';
import { parseCorpus } from '../../shared/checks/language/evaluate.ts';
import { addAction, addFactor, addTimelineEntry, fillFragment } from '../../shared/schema/document.ts';
import type { RichTextRoot } from '../../shared/schema/roots.ts';
import type { PostmortemSnapshot } from '../../shared/schema/snapshot.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../test/fixtures/checks-corpus/dev.jsonl');

/** A postmortem holding at least `targetChars` characters of checked text. */
export function generatePostmortem(targetChars: number, seed = 42): PostmortemSnapshot {
  // A small seeded generator (LCG) so every run measures the same document.
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  const rows = parseCorpus(readFileSync(CORPUS, 'utf8'));
  const by = (p: string) => rows.filter((r) => r.placement === p).map((r) => r.text);
  const pools = { summary: by('summary'), timeline: by('timeline'), control: by('control'), factor: by('factor'), action: by('action'), prevention: by('prevention'), impact: by('impact') };
  const s = emptySnapshot();
  s.meta.title = 'Checkout outage in the EU';
  let size = 0;
  // Every sentence made unique (a reference number), so the cold run cannot reuse a repeated sentence's parse.
  let ref = 0;
  const unique = (text: string) => text.replace(/([.!?])?$/, (end) => ` (ref ${(ref += 1)})${end || '.'}`);
  const para = (pool: string[], n: number) => Array.from({ length: n }, () => unique(pick(pool))).join(' ');
  let i = 0;
  while (size < targetChars) {
    i += 1;
    const body = para(pools.timeline, 2);
    const known = para(pools.timeline, 1);
    s.timeline.push({ id: `e${i}`, at: new Date(Date.UTC(2026, 10, 2, 13, i)).toISOString(), body, known });
    size += body.length + known.length;
    if (i % 4 === 0) {
      const f = para(pools.factor, 2);
      s.factors.push({ id: `f${i}`, category: 'process', body: f });
      size += f.length;
    }
    if (i % 5 === 0) {
      const a = unique(pick(pools.action));
      s.actions.push({ id: `a${i}`, action: a, kind: 'control', owner: 'Platform', due: '2099-01-01', status: 'open', factorIds: [], createdAt: '', closedAt: '' });
      size += a.length;
    }
    if (i % 6 === 0) {
      const paragraphs = { summary: pools.summary, control: pools.control, prevention: pools.prevention, impact: pools.impact } as const;
      for (const [root, pool] of Object.entries(paragraphs)) {
        const add = `${para(pool, 2)}\n`;
        s.text[root as keyof typeof paragraphs] += add;
        size += add.length;
      }
    }
  }
  return s;
}

/** Characters of checked text in a snapshot (the rich-text roots, timeline, factors, actions). */
export function textChars(snapshot: PostmortemSnapshot): number {
  return (
    Object.values(snapshot.text).join('').length +
    snapshot.timeline.reduce((n, e) => n + e.body.length + e.known.length, 0) +
    snapshot.factors.reduce((n, f) => n + f.body.length, 0) +
    snapshot.actions.reduce((n, a) => n + a.action.length, 0)
  );
}

/**
 * Writes a generated snapshot into a seeded postmortem Y.Doc through the shared schema helpers,
 * in one transaction (one update): rich-text roots replaced, timeline entries, factors and action
 * items appended.
 */
export function writePostmortem(doc: Y.Doc, snapshot: PostmortemSnapshot): void {
  doc.transact(() => {
    for (const [root, text] of Object.entries(snapshot.text) as [RichTextRoot, string][]) {
      const trimmed = text.replace(/\n+$/, '');
      if (!trimmed) continue;
      const fragment = doc.getXmlFragment(root);
      fragment.delete(0, fragment.length);
      fillFragment(fragment, trimmed);
    }
    for (const e of snapshot.timeline) addTimelineEntry(doc, { at: e.at, body: e.body, known: e.known });
    for (const f of snapshot.factors) addFactor(doc, { category: f.category, body: f.body });
    for (const a of snapshot.actions) addAction(doc, { action: a.action, kind: a.kind, owner: a.owner, due: a.due });
  });
}
