/**
 * Warms the checks worker up as it starts. V8 compiles the engine's hot functions (and
 * compromise's) only after many runs, and a server checks a document once per pause in typing:
 * left alone, it spends its first few hundred runs compiling, on other threads, more CPU than it
 * spends checking (measured with 20 documents: 160 runs after 60 cost 0.45 s of CPU, 0.18 s once
 * 400 runs had gone before). So the worker first checks sample postmortems, built from the rules'
 * own example sentences, the way it checks real ones: a copy of a document gets the changes a
 * person typed, then is read, checked and summarised. It runs in slices of a few milliseconds
 * with rests between, so real jobs are answered between them and the socket loop keeps most of
 * the machine (the server starts the worker a little after itself: check-runner.ts).
 */
import * as Y from 'yjs';
import { runChecks } from '../../shared/checks/engine.ts';
import { emptySnapshot } from '../../shared/checks/examples.ts';
import { createMemo } from '../../shared/checks/memo.ts';
import * as actionNotSystemChange from '../../shared/checks/rules/action-not-system-change.examples.ts';
import * as blameQuestion from '../../shared/checks/rules/blame-question.examples.ts';
import * as counterfactual from '../../shared/checks/rules/counterfactual.examples.ts';
import * as hindsight from '../../shared/checks/rules/hindsight.examples.ts';
import * as humanErrorCause from '../../shared/checks/rules/human-error-cause.examples.ts';
import * as namedIndividual from '../../shared/checks/rules/named-individual.examples.ts';
import * as singleRootCause from '../../shared/checks/rules/single-root-cause.examples.ts';
import * as whyChain from '../../shared/checks/rules/why-chain.examples.ts';
import type { RuleExamples } from '../../shared/checks/types.ts';
import { summarizeSnapshot } from '../../shared/metrics/summary.ts';
import { seedFromSnapshot } from '../../shared/schema/from-snapshot.ts';
import { RICH_TEXT_ROOTS } from '../../shared/schema/roots.ts';
import { readSnapshot, type PostmortemSnapshot } from '../../shared/schema/snapshot.ts';

const EXAMPLES: readonly RuleExamples[] = [
  ...namedIndividual.examples,
  ...blameQuestion.examples,
  ...counterfactual.examples,
  ...hindsight.examples,
  ...humanErrorCause.examples,
  ...singleRootCause.examples,
  ...whyChain.examples,
  ...actionNotSystemChange.examples,
];

const ROSTER = ['Maria Lopez', 'Sam Chen'];
// Letter frequencies roughly as in English, with spaces and the odd full stop.
const LETTERS = 'etaoin shrdlu cmfwyp vbgkqjxz etaoin shrdlu. ';

/** Sample documents the warm-up types into, in turn: small enough that each run stays short. */
const DOCUMENTS = 4;

/** A postmortem holding a share (`part` of DOCUMENTS) of the example sentences, each where its rule reads it. */
function sampleSnapshot(part: number): PostmortemSnapshot {
  const snap = emptySnapshot();
  snap.meta.title = 'Checkout errors after a configuration change';
  const prose: string[] = [];
  EXAMPLES.forEach((table, t) => {
    table.shouldFlag.concat(table.shouldNotFlag).forEach((sentence, i) => {
      if ((t + i) % DOCUMENTS !== part) return;
      const id = `${t}-${i}`;
      if (table.placement === 'timeline') snap.timeline.push({ id, at: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(), body: sentence, known: '' });
      else if (table.placement === 'factor') snap.factors.push({ id, category: 'process', body: sentence });
      else if (table.placement === 'action') {
        snap.actions.push({ id, action: sentence, kind: 'control', owner: 'Platform team', due: '2099-01-01', status: 'open', factorIds: [], createdAt: '2026-01-01T00:00:00.000Z', closedAt: '' });
      } else prose.push(sentence);
    });
  });
  // Spread over the prose sections, a paragraph of a few sentences each.
  RICH_TEXT_ROOTS.forEach((root, r) => {
    snap.text[root] = prose.filter((_, i) => i % RICH_TEXT_ROOTS.length === r).join(' ');
  });
  return snap;
}

/** Every Y.XmlText under the prose sections, where the warm-up types. */
function textNodes(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) out.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  for (const root of RICH_TEXT_ROOTS) walk(doc.getXmlFragment(root));
  return out;
}

/** One warm-up document: a source that is typed into, and the worker-style copy that gets the changes. */
export class WarmUpDocument {
  private readonly source = new Y.Doc();
  private readonly copy = new Y.Doc();
  private readonly texts: Y.XmlText[];
  /** The paragraph being drafted, typed at its end. */
  private readonly draft: Y.XmlText;
  private readonly memo = createMemo();
  private seed: number;

  constructor(seed: number, part = 0) {
    this.seed = seed;
    seedFromSnapshot(this.source, sampleSnapshot(part % DOCUMENTS), new Date(Date.UTC(2026, 0, 2)));
    this.texts = textNodes(this.source);
    const summary = this.source.getXmlFragment(RICH_TEXT_ROOTS[0]);
    const paragraph = new Y.XmlElement('paragraph');
    summary.insert(0, [paragraph]);
    this.draft = new Y.XmlText('The');
    paragraph.insert(0, [this.draft]);
    Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(this.source));
  }

  private keys(count: number): string {
    let typed = '';
    for (let i = 0; i < count; i += 1) typed += LETTERS[Math.floor(this.random() * LETTERS.length)]!;
    return typed;
  }

  private random(): number {
    // mulberry32: the same keystrokes on every start.
    this.seed = (this.seed + 0x6d2b79f5) >>> 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A few keystrokes somewhere, then the worker's whole job on the copy. Returns the number of findings. */
  step(): number {
    const vector = Y.encodeStateVector(this.copy);
    // Someone drafting a new paragraph, and edits here and there in the rest.
    this.draft.insert(this.draft.length, this.keys(3));
    const text = this.texts[Math.floor(this.random() * this.texts.length)]!;
    text.insert(Math.floor(this.random() * (text.length + 1)), this.keys(1));
    Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(this.source, vector));
    const snapshot = readSnapshot(this.copy);
    const report = runChecks({ snapshot, roster: ROSTER, now: '2026-01-03T00:00:00.000Z' }, { memo: this.memo });
    summarizeSnapshot(snapshot);
    return report.findings.length;
  }

  destroy(): void {
    this.source.destroy();
    this.copy.destroy();
  }
}

export interface WarmUpOptions {
  /** Wait before starting: a server that has just started is opening documents (clients reconnect at once). */
  delayMs?: number;
  /** Work per slice, then rest as long again, so the warm-up takes at most about half a core. */
  sliceMs?: number;
}

/** Runs `runs` warm-up steps in slices; resolves with the number of steps run once done (or stopped). */
export function warmUp(runs: number, { delayMs = 0, sliceMs = 5 }: WarmUpOptions = {}): { done: Promise<number>; stop(): void } {
  const state: { stopped: boolean; timer: NodeJS.Timeout | null; finish: () => void } = { stopped: false, timer: null, finish: () => undefined };
  const done = new Promise<number>((resolve) => {
    if (runs <= 0) return resolve(0);
    let docs: WarmUpDocument[] = [];
    let ran = 0;
    state.finish = () => {
      for (const doc of docs) doc.destroy();
      resolve(ran);
    };
    const slice = () => {
      state.timer = null;
      if (docs.length === 0 && !state.stopped) docs = Array.from({ length: DOCUMENTS }, (_, part) => new WarmUpDocument(42 + part, part));
      const end = performance.now() + sliceMs;
      while (!state.stopped && ran < runs && performance.now() < end) {
        docs[ran % DOCUMENTS]!.step();
        ran += 1;
      }
      if (state.stopped || ran >= runs) state.finish();
      else state.timer = setTimeout(slice, sliceMs);
    };
    state.timer = setTimeout(slice, delayMs);
  });
  return {
    done,
    stop: () => {
      state.stopped = true;
      // Waiting between slices: finish now rather than when the timer fires.
      if (state.timer) {
        clearTimeout(state.timer);
        state.timer = null;
        state.finish();
      }
    },
  };
}
