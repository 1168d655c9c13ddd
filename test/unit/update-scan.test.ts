/**
 * The permission check reads updates with its own scanner instead of Y.decodeUpdate. It must
 * read exactly what Yjs reads: the same structs with the same ids, lengths, origins and parents,
 * and the same delete set; and it must refuse what Yjs cannot read (or Yjs must refuse it when
 * applying, before anything is integrated). Checked on updates of every content kind and on
 * random mutations of them.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scanUpdate, type ScannedUpdate } from '../../server/collab/update-scan.ts';

type Described = { kind: string; id: string; length: number; origin: string | null; rightOrigin: string | null; parent: string | null; parentSub: string | null; published: boolean };

const idText = (id: Y.ID | null) => (id ? `${id.client}:${id.clock}` : null);

function fromYjs(update: Uint8Array): { structs: Described[]; deletes: [number, { clock: number; len: number }[]][] } {
  const decoded = Y.decodeUpdate(update);
  return {
    structs: decoded.structs.map((s) => {
      if (!(s instanceof Y.Item)) {
        return { kind: s instanceof Y.GC ? 'gc' : 'skip', id: idText(s.id)!, length: s.length, origin: null, rightOrigin: null, parent: null, parentSub: null, published: false };
      }
      const parent = s.parent as unknown as string | Y.ID | null;
      const content = s.content as { arr?: unknown[]; str?: string };
      return {
        kind: 'item',
        id: idText(s.id)!,
        length: s.length,
        origin: idText(s.origin),
        rightOrigin: idText(s.rightOrigin),
        parent: typeof parent === 'string' ? `root:${parent}` : idText(parent),
        parentSub: s.parentSub,
        published: Boolean(content.arr?.includes('published') || content.str === 'published'),
      };
    }),
    deletes: [...decoded.ds.clients].map(([client, items]) => [client, items.map((d) => ({ clock: d.clock, len: d.len }))]),
  };
}

function fromScanner(scanned: ScannedUpdate): ReturnType<typeof fromYjs> {
  return {
    structs: scanned.structs.map((s) => ({
      kind: s.kind,
      id: idText(s.id)!,
      length: s.length,
      origin: idText(s.origin),
      rightOrigin: idText(s.rightOrigin),
      parent: typeof s.parent === 'string' ? `root:${s.parent}` : idText(s.parent),
      parentSub: s.parentSub,
      published: s.saysPublished,
    })),
    deletes: [...scanned.deletes],
  };
}

/** Updates with every kind of content Yjs writes, and deletions. */
function sampleUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const map = doc.getMap('moderation');
  map.set('status', 'published');
  map.set('locks', new Y.Map());
  map.set('bytes', new Uint8Array([1, 2, 3]));
  map.set('nested', { a: [1, 'two', null, true], b: 2.5 });
  const text = doc.getText('t');
  text.insert(0, 'héllo wörld 👋');
  text.format(0, 5, { bold: true });
  text.insertEmbed(3, { image: 'x.png' });
  text.delete(2, 4);
  const fragment = doc.getXmlFragment('summary');
  const paragraph = new Y.XmlElement('paragraph');
  fragment.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText('typed')]);
  fragment.insert(1, [new Y.XmlHook('hook') as unknown as Y.XmlElement]);
  const array = doc.getArray('actions');
  array.insert(0, [1, 'published', new Y.Array(), new Y.Text('t')]);
  array.delete(0, 1);
  array.insert(0, [new Y.Doc({ guid: 'sub' })]);
  updates.push(Y.encodeStateAsUpdate(doc));
  updates.push(Y.mergeUpdates(updates.slice(0, 5)));
  return updates;
}

/** Whether Yjs can apply the update to an empty document (it reads everything before integrating). */
function yjsApplies(update: Uint8Array): boolean {
  try {
    Y.applyUpdate(new Y.Doc(), update);
    return true;
  } catch {
    return false;
  }
}

function attempt(read: () => ReturnType<typeof fromYjs>): ReturnType<typeof fromYjs> | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/**
 * How the scanner's reading compares with Yjs's: the same, both refusing, or one refusing what
 * Yjs cannot apply anyway. Anything else is a disagreement the permission check must not have.
 */
function compareReadings(update: Uint8Array): string {
  const expected = attempt(() => fromYjs(update));
  const got = attempt(() => fromScanner(scanUpdate(update)));
  if (expected && got) return JSON.stringify(got) === JSON.stringify(expected) ? 'same' : `differs: ${JSON.stringify({ got, expected })}`;
  if (!expected && !got) return 'both refuse';
  return yjsApplies(update) ? `only ${got ? 'Yjs' : 'the scanner'} refuses an update Yjs applies` : 'refused or not applicable';
}

describe('update scanner', () => {
  const samples = sampleUpdates();

  it('reads every content kind exactly as Y.decodeUpdate does', () => {
    for (const update of samples) {
      const scanned = fromScanner(scanUpdate(update));
      expect(scanned).toEqual(fromYjs(update));
    }
    // The samples really hold every kind: strings, any, binary, format, embed, types, docs, deletes.
    const all = samples.flatMap((u) => Y.decodeUpdate(u).structs).filter((s) => s instanceof Y.Item) as Y.Item[];
    const kinds = new Set(all.map((s) => s.content.constructor.name));
    for (const kind of ['ContentString', 'ContentAny', 'ContentBinary', 'ContentFormat', 'ContentEmbed', 'ContentType', 'ContentDoc', 'ContentDeleted']) {
      expect(kinds).toContain(kind);
    }
    expect(samples.some((u) => Y.decodeUpdate(u).ds.clients.size > 0)).toBe(true);
  });

  it('reads JSON content (old clients) and sees an escaped "published" in it', () => {
    // [1 client][1 struct][client 7][clock 0][info: parent + parentSub + ContentJSON (2)]
    // [parent is a root: 1]["moderation"]["status"][1 value]["\"publi\\u0073hed\""][no deletes]
    const bytes: number[] = [];
    const push = (...b: number[]) => bytes.push(...b);
    const str = (s: string) => {
      const utf8 = new TextEncoder().encode(s);
      push(utf8.length, ...utf8);
    };
    push(1, 1, 7, 0, 0b00100010, 1);
    str('moderation');
    str('status');
    push(1);
    str('"publi\\u0073hed"');
    push(0);
    const update = new Uint8Array(bytes);
    const scanned = scanUpdate(update);
    expect(scanned.structs).toHaveLength(1);
    expect(scanned.structs[0]).toMatchObject({ kind: 'item', parent: 'moderation', parentSub: 'status', saysPublished: true, length: 1 });
    expect(fromScanner(scanned)).toEqual(fromYjs(update));
  });

  it('agrees with Yjs on mutated updates: flipped, cut, inserted and deleted bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'insert', 'delete')), { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          let bytes = [...samples[which]!];
          for (const [at, value, how] of mutations) {
            const i = at % Math.max(bytes.length, 1);
            if (how === 'flip') bytes[i] = value;
            else if (how === 'cut') bytes = bytes.slice(0, i);
            else if (how === 'insert') bytes.splice(i, 0, value);
            else bytes.splice(i, 1);
          }
          expect(compareReadings(new Uint8Array(bytes))).toMatch(/^(same|both refuse|refused or not applicable)$/);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses an update that lists a client twice (Yjs would keep only the last block)', async () => {
    // A participant's crafted update: client 5 with an item in "meta", client 5 again with
    // nothing, then client 99 with an item whose origin is client 5's dropped item. Read block by
    // block, the origin resolves to "meta"; Yjs drops the first block and would later integrate
    // the item wherever client 5's real item at that clock lands (nearMisses, moderation, a lock).
    const bytes: number[] = [];
    const str = (text: string) => {
      const utf8 = new TextEncoder().encode(text);
      bytes.push(utf8.length, ...utf8);
    };
    bytes.push(3); // three client blocks
    bytes.push(1, 5, 0, 0b00000100, 1); // client 5, clock 0: a string item whose parent is a root...
    str('meta');
    str('x');
    bytes.push(0, 5, 0); // ...client 5 again, no structs
    bytes.push(1, 99, 0, 0b10000100, 5, 0); // client 99: a string item with origin 5:0
    str('y');
    bytes.push(0); // no deletes
    const update = new Uint8Array(bytes);
    expect(() => scanUpdate(update)).toThrow(/appears twice/);
    const { checkUpdate } = await import('../../server/collab/permissions.ts');
    const verdict = checkUpdate(update, { role: 'participant', doc: new Y.Doc() });
    expect(verdict).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
