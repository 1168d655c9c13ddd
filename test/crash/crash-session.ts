/**
 * One editing session of the crash loop: per postmortem, a few writers adding timeline entries
 * and summary paragraphs (each carrying a unique mark) and one read-only observer. Whatever any
 * client received from the server is what the server had stored: it broadcasts only after the
 * write-ahead log append.
 */
import { addTimelineEntry, fillFragment, fragmentText, readSnapshot } from '../../shared/schema/index.ts';
import type * as Y from 'yjs';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { waitFor } from '../helpers/wait.ts';

export type Rng = () => number;

/** mulberry32: a small seeded generator, so a failing run can be repeated with CRASH_SEED. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every mark in a document: "t:<mark>" for timeline entries, "s:<mark>" for summary paragraphs. */
export function marksIn(doc: Y.Doc): Set<string> {
  const marks = new Set<string>();
  for (const entry of readSnapshot(doc).timeline) if (entry.body.startsWith('m-')) marks.add(`t:${entry.body}`);
  for (const line of fragmentText(doc.getXmlFragment('summary')).split('\n')) if (line.startsWith('m-')) marks.add(`s:${line}`);
  return marks;
}

interface Writer {
  client: TestClient;
  prefix: string;
  timer: NodeJS.Timeout | null;
  count: number;
}

export interface Session {
  /** Call after the server was killed: waits until every socket saw it, returns the marks observed per postmortem. */
  collect(): Promise<Map<string, Set<string>>>;
  /** Edits made so far (sent or not). */
  readonly edits: number;
}

export async function startSession(
  wsUrl: string,
  postmortems: CreatePostmortemResponse[],
  { cycle, writersPerDoc, rng }: { cycle: number; writersPerDoc: number; rng: Rng },
): Promise<Session> {
  const observers = new Map<string, TestClient>();
  const writers = new Map<string, Writer[]>();
  await Promise.all(
    postmortems.map(async (pm) => {
      const [observer, ...clients] = await Promise.all([
        connectClient(wsUrl, pm.id, pm.tokens.viewer, { name: 'observer' }),
        ...Array.from({ length: writersPerDoc }, (_, w) => connectClient(wsUrl, pm.id, pm.tokens.participant, { name: `writer ${w}` })),
      ]);
      observers.set(pm.id, observer!);
      writers.set(
        pm.id,
        clients.map((client, w) => ({ client, prefix: `m-c${cycle}-w${w}-`, timer: null, count: 0 })),
      );
    }),
  );
  // Each writer edits at its own random pace until the socket goes away.
  const tick = (writer: Writer) => {
    writer.timer = setTimeout(() => {
      if (!writer.client.provider.wsconnected) return;
      const mark = `${writer.prefix}${writer.count++}`;
      if (rng() < 0.5) addTimelineEntry(writer.client.doc, { body: mark });
      else fillFragment(writer.client.doc.getXmlFragment('summary'), mark);
      tick(writer);
    }, 2 + Math.floor(rng() * 15));
  };
  for (const list of writers.values()) for (const writer of list) tick(writer);

  return {
    get edits() {
      let n = 0;
      for (const list of writers.values()) for (const writer of list) n += writer.count;
      return n;
    },
    async collect() {
      const all = [...observers.values(), ...[...writers.values()].flat().map((w) => w.client)];
      for (const list of writers.values()) for (const writer of list) if (writer.timer) clearTimeout(writer.timer);
      // Once a socket is closed nothing more arrives on it: what the client holds is final.
      await waitFor(() => all.every((c) => !c.provider.wsconnected), { message: 'every client saw the server go' });
      const observed = new Map<string, Set<string>>();
      for (const [id, observer] of observers) {
        const marks = marksIn(observer.doc);
        // A writer's own edits may never have reached the server; what it got from others did.
        for (const writer of writers.get(id) ?? []) {
          for (const mark of marksIn(writer.client.doc)) if (!mark.slice(2).startsWith(writer.prefix)) marks.add(mark);
        }
        observed.set(id, marks);
      }
      // Destroyed before the restart, so no client resends what the server might have lost.
      for (const client of all) client.destroy();
      return observed;
    },
  };
}
