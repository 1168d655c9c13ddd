/**
 * The demo organisation: a year of postmortems written through the real store APIs
 * (createPostmortem with a document seeded by shared/schema, the private state, the index), from
 * a seeded random generator, so the same seed and month give the same organisation.
 */
import * as Y from 'yjs';
import { refreshPrivateFields } from '../../server/dashboard/index-patch.ts';
import { createLogger, type Logger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { EmbeddedStore } from '../../server/storage/embedded/embedded-store.ts';
import { seedFromSnapshot } from '../../shared/schema/from-snapshot.ts';
import { roots } from '../../shared/schema/document.ts';
import { RICH_TEXT_ROOTS } from '../../shared/schema/roots.ts';
import type { ActionStatus, PostmortemStatus, Severity } from '../../shared/schema/sections.ts';
import type { ActionItem, PostmortemSnapshot } from '../../shared/schema/snapshot.ts';
import { REGIONS, SCENARIOS, SEVERITY_WEIGHTS, type Scenario } from './scenarios.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoOptions {
  dataDir: string;
  seed?: number;
  /** The demo's "today": incidents fill the 12 months up to it. */
  now?: Date;
  /** At least this many postmortems (default 48). */
  count?: number;
  logger?: Logger;
}

export interface DemoSummary {
  postmortems: number;
  published: number;
  actions: number;
  repeats: number;
  nearMisses: number;
  from: string;
  to: string;
}

/** A small, fast, seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  int(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let roll = this.next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) {
      roll -= w;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const GENERIC_NEAR_MISSES = [
  'A similar alert fired last month during a quiet hour and cleared by itself; nobody looked into it.',
  'The runbook step for this failed for me in a drill too, but I assumed it was the drill environment.',
  'We nearly shipped the same kind of change last sprint; a reviewer asked about it by chance.',
  'The dashboard for this has been showing gaps for weeks; it looked like a metrics problem.',
];

export interface Planned {
  scenario: Scenario;
  title: string;
  severity: Severity;
  services: string[];
  startedAt: number;
  detectedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  status: PostmortemStatus;
  publishedAt: number | null;
  actions: ActionItem[];
  nearMisses: string[];
  repeatOfIndex: number | null;
  pendingNotes: string[];
  factors: Scenario['factors'];
  text: Record<string, string>;
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(vars[key] ?? `{${key}}`));
}

function iso(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

function monthStart(now: Date, monthsBack: number): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1);
}

/** Plans every incident, oldest first; pure given the seed and `now`. */
export function planDemo(seed: number, now: Date, minimum = 48): Planned[] {
  const dice = new Dice(seededRandom(seed));
  const nowMs = now.getTime();
  const first = monthStart(now, 11);
  const latest = nowMs - 36 * HOUR;
  const counts = Array.from({ length: 12 }, () => dice.int(3, 5));
  while (counts.reduce((a, b) => a + b, 0) < minimum) counts[dice.int(0, 11)]! += 1;

  const starts: number[] = [];
  counts.forEach((count, i) => {
    const from = monthStart(now, 11 - i);
    const to = Math.min(monthStart(now, 10 - i), latest);
    for (let k = 0; k < count; k += 1) starts.push(to > from ? dice.between(from, to) : latest - dice.between(0, 3) * DAY);
  });
  starts.sort((a, b) => a - b);

  const planned: Planned[] = [];
  const lastOfScenario = new Map<string, number>();
  for (const rawStart of starts) {
    const startedAt = Math.floor(rawStart / 60_000) * 60_000;
    const progress = Math.min(1, Math.max(0, (startedAt - first) / (nowMs - first)));
    const scenario = dice.pick(SCENARIOS);
    const severity = dice.weighted(SEVERITY_WEIGHTS);
    const [main, ...others] = scenario.services;
    const services = [main, ...dice.shuffle(others).slice(0, dice.int(0, Math.min(2, others.length)))];
    const region = dice.pick(REGIONS);

    // Detection gets faster over the year, as the alerting actions land.
    const baseDetect = { SEV1: 8, SEV2: 14, SEV3: 25, SEV4: 45 }[severity];
    const detectMin = Math.max(1, Math.round(baseDetect * (1.6 - 0.9 * progress) * dice.between(0.6, 1.4)));
    const mitigateMin = detectMin + dice.int(8, 55);
    const resolveMin = mitigateMin + dice.int(5, 140);
    const missingDetect = dice.chance(0.04);
    const detectedAt = missingDetect ? null : startedAt + detectMin * 60_000;
    const mitigatedAt = dice.chance(0.05) ? null : startedAt + mitigateMin * 60_000;
    const resolvedAt = startedAt + resolveMin * 60_000;
    const createdAt = Math.min(resolvedAt + dice.between(2, 30) * HOUR, nowMs - HOUR);

    // Older postmortems are mostly published; publishing gets quicker over the year.
    const ageDays = (nowMs - resolvedAt) / DAY;
    const publishDays = Math.max(0.8, (18 - 12 * progress) * dice.between(0.5, 1.5));
    const publishAt = resolvedAt + publishDays * DAY;
    let status: PostmortemStatus;
    const roll = dice.next();
    if (ageDays > 30) status = roll < 0.88 ? 'published' : roll < 0.96 ? 'in-review' : 'draft';
    else if (ageDays > 10) status = roll < 0.55 ? 'published' : roll < 0.85 ? 'in-review' : 'draft';
    else status = roll < 0.15 ? 'published' : roll < 0.5 ? 'in-review' : 'draft';
    if (status === 'published' && publishAt > nowMs - HOUR) status = 'in-review';
    const publishedAt = status === 'published' ? Math.floor(publishAt / 60_000) * 60_000 : null;

    const vars = {
      minutes: resolveMin,
      detect: detectMin,
      percent: dice.int(3, 40),
      count: dice.int(120, 9_800).toLocaleString('en-US'),
      region,
    };
    // Each team finds its own subset of the scenario's factors, so similar incidents are alike, not identical.
    const factors = dice.shuffle(scenario.factors).slice(0, dice.int(2, scenario.factors.length));
    const factorIds = factors.map((_, i) => `f${i}`);
    // Some teams follow through on their action items more than others.
    const followThrough = dice.between(0.35, 1);
    const chosen = dice.shuffle(scenario.actions).slice(0, dice.int(2, scenario.actions.length));
    const actions: ActionItem[] = chosen.map((a, i) => {
      const created = Math.min(createdAt + dice.between(0, 20) * HOUR, nowMs - HOUR);
      const dueSpan = dice.int(14, 60);
      const due = new Date(created + dueSpan * DAY).toISOString().slice(0, 10);
      const age = (nowMs - created) / DAY;
      let actionStatus: ActionStatus;
      let closed = 0;
      const r = dice.next();
      if (r < 0.08 && age > 3) {
        actionStatus = 'wont-do';
        closed = created + dice.between(1, Math.min(age, 30)) * DAY;
      } else if (r < 0.08 + followThrough * Math.min(0.9, age / 60) && age > 2) {
        actionStatus = 'done';
        closed = created + dice.between(1.5, Math.max(2, Math.min(age - 0.5, dueSpan + 20))) * DAY;
      } else {
        actionStatus = dice.chance(0.5) ? 'in-progress' : 'open';
      }
      return {
        id: `a${i}`,
        action: a.action,
        kind: dice.chance(0.04) ? '' : a.kind,
        owner: a.owner,
        due,
        status: actionStatus,
        factorIds: [factorIds[i % factorIds.length]!],
        createdAt: iso(created),
        closedAt: closed ? iso(Math.min(closed, nowMs - HOUR)) : '',
      };
    });
    // Near-miss reporting grows as people learn the notes are safe.
    const noteCount = Math.floor(dice.between(0, 1 + 2.2 * progress));
    const notePool = [...scenario.nearMisses, ...GENERIC_NEAR_MISSES];
    const nearMisses = dice.shuffle(notePool).slice(0, noteCount);
    const earlier = lastOfScenario.get(scenario.key);
    const repeatOfIndex = earlier !== undefined && dice.chance(0.15) ? earlier : null;
    lastOfScenario.set(scenario.key, planned.length);
    const pendingNotes = status === 'draft' && dice.chance(0.5) ? [dice.pick(GENERIC_NEAR_MISSES)] : [];

    planned.push({
      scenario,
      title: dice.pick(scenario.titles),
      severity,
      services,
      startedAt,
      detectedAt,
      mitigatedAt,
      resolvedAt,
      createdAt,
      status,
      publishedAt,
      actions,
      nearMisses,
      repeatOfIndex,
      pendingNotes,
      factors,
      text: {
        summary: fill(scenario.summary, vars),
        impact: fill(scenario.impact, vars),
        detection: missingDetect ? 'The detection time is still being worked out from the logs.' : fill(scenario.detection, vars),
        control: scenario.control,
        prevention: scenario.prevention,
        trigger: scenario.trigger,
        systemGap: scenario.systemGap,
      },
    });
  }
  ensureVariety(planned, dice, nowMs);
  return planned;
}

/** Every state the tracker shows exists at least once: overdue, won't do, done. */
function ensureVariety(planned: Planned[], dice: Dice, nowMs: number): void {
  const all = planned.flatMap((p) => p.actions.map((a) => ({ p, a })));
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const overdue = all.some(({ a }) => (a.status === 'open' || a.status === 'in-progress') && a.due < today);
  if (!overdue) {
    const target = all.find(({ a }) => a.status === 'open' || a.status === 'in-progress') ?? all[0]!;
    target.a.status = 'open';
    target.a.closedAt = '';
    target.a.due = new Date(nowMs - dice.int(3, 20) * DAY).toISOString().slice(0, 10);
  }
  const closed = all.find(({ a }) => a.status === 'done');
  if (!all.some(({ a }) => a.status === 'wont-do') && closed) closed.a.status = 'wont-do';
}

export function snapshotOf(plan: Planned): PostmortemSnapshot {
  const s = plan.scenario;
  const phase = { start: plan.startedAt, detect: plan.detectedAt, mitigate: plan.mitigatedAt, resolve: plan.resolvedAt };
  const text = Object.fromEntries(RICH_TEXT_ROOTS.map((root) => [root, plan.text[root] ?? ''])) as PostmortemSnapshot['text'];
  return {
    meta: {
      title: plan.title,
      severity: plan.severity,
      services: plan.services,
      startedAt: iso(plan.startedAt),
      detectedAt: iso(plan.detectedAt),
      mitigatedAt: iso(plan.mitigatedAt),
      resolvedAt: iso(plan.resolvedAt),
    },
    moderation: { status: 'draft', locks: {}, sectionStatus: {}, sectionOwner: {} },
    text,
    timeline: s.timeline
      .filter((t) => phase[t.at] !== null)
      .map((t, i) => ({ id: `t${i}`, at: iso(phase[t.at]), body: t.body, known: t.known })),
    factors: plan.factors.map((f, i) => ({ id: `f${i}`, category: f.category, body: f.body })),
    defenses: s.defenses.map((d, i) => ({ id: `d${i}`, ...d })),
    actions: plan.actions,
    nearMisses: plan.nearMisses.map((note, i) => ({ id: `n${i}`, text: note, hour: iso(plan.createdAt + (i + 1) * 5 * HOUR) })),
  };
}

/** Writes the planned organisation into the store in `dataDir`. */
export async function generateDemo(options: DemoOptions): Promise<DemoSummary> {
  const seed = options.seed ?? 42;
  const now = options.now ?? new Date();
  const logger = options.logger ?? createLogger('silent');
  const plans = planDemo(seed, now, options.count ?? 48);
  const store = await EmbeddedStore.open({ dataDir: options.dataDir, logger });
  const ids: string[] = [];
  try {
    for (const plan of plans) {
      const snapshot = snapshotOf(plan);
      const { id } = await createPostmortem(store, { title: plan.title, severity: plan.severity }, (doc: Y.Doc, created: Date) => {
        seedFromSnapshot(doc, snapshot, created);
        doc.transact(() => {
          const r = roots(doc);
          r.meta.set('createdAt', iso(plan.createdAt));
          r.moderation.set('status', plan.status);
        });
      });
      ids.push(id);
      const repeatOf = plan.repeatOfIndex === null ? null : ids[plan.repeatOfIndex]!;
      const report = await store.getCheckReport(id);
      const errors = (report?.findings ?? []).filter((f) => f.severity === 'error');
      await store.updatePrivateState(id, (state) => {
        if (plan.publishedAt !== null) {
          state.publish = {
            at: iso(plan.publishedAt),
            overrideReason: errors.length > 0 ? 'Reviewed in the postmortem meeting; the remaining findings were discussed and accepted.' : null,
            blocking: errors.map((f) => ({ rule: f.rule, excerpt: f.excerpt, message: f.message })),
          };
        }
        if (repeatOf) state.repeatOf = { postmortemId: repeatOf, at: iso(plan.publishedAt ?? plan.createdAt + DAY) };
      });
      if (plan.pendingNotes.length > 0) await store.updatePendingNotes(id, () => plan.pendingNotes.map((text, i) => ({ id: `p${i}`, text, hour: iso(Math.floor(plan.createdAt / HOUR) * HOUR) })));
      await store.updateIndexEntry(id, {
        status: plan.status,
        createdAt: iso(plan.createdAt),
        updatedAt: iso(plan.publishedAt ?? plan.createdAt),
      });
      await refreshPrivateFields(store, id);
    }
  } finally {
    await store.close();
  }
  return {
    postmortems: plans.length,
    published: plans.filter((p) => p.status === 'published').length,
    actions: plans.reduce((n, p) => n + p.actions.length, 0),
    repeats: plans.filter((p) => p.repeatOfIndex !== null).length,
    nearMisses: plans.reduce((n, p) => n + p.nearMisses.length, 0),
    from: new Date(monthStart(now, 11)).toISOString().slice(0, 7),
    to: now.toISOString().slice(0, 7),
  };
}
