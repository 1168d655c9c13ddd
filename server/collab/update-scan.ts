/**
 * Reads what the permission check needs from a Yjs (v1) update, and nothing more: each struct's
 * id, length, origins and parent, and the delete set. It follows Yjs's own reader
 * (lazyStructReaderGenerator, readItemContent, readDeleteSet) byte for byte, but builds no Items
 * and no content objects: on the socket loop, Y.decodeUpdate was most of the cost of checking an
 * update, and the update is decoded again when it is applied anyway. Anything Yjs would not read
 * is refused here too. Embedded and format JSON is not parsed (Yjs refuses bad JSON when
 * applying, before it integrates anything).
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export interface ScannedStruct {
  readonly kind: 'item' | 'gc' | 'skip';
  readonly id: Y.ID;
  readonly length: number;
  /** Items only: the left and right neighbours the item was inserted between. */
  readonly origin: Y.ID | null;
  readonly rightOrigin: Y.ID | null;
  /** A root type's name, the id of the parent item, or null (the parent is the origin's). */
  readonly parent: string | Y.ID | null;
  readonly parentSub: string | null;
  /** The item's value is the string 'published' (as text, JSON or any). */
  readonly saysPublished: boolean;
}

export interface ScannedUpdate {
  readonly structs: ScannedStruct[];
  /** Deleted ranges by client, as the update lists them. */
  readonly deletes: Map<number, { clock: number; len: number }[]>;
}

export class UnreadableUpdateError extends Error {}

const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const BITS5 = 31;
/** Type refs (Yjs typeRefs) whose content carries a node name: YXmlElement and YXmlHook. */
const NAMED_TYPE_REFS = new Set([3, 5]);
const TYPE_REF_COUNT = 7;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UnreadableUpdateError('bad JSON content');
  }
}

function readId(decoder: decoding.Decoder): Y.ID {
  return Y.createID(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
}

/** Skips an item's content (Yjs readItemContent); returns its length and whether it says 'published'. */
function readContent(decoder: decoding.Decoder, ref: number): { length: number; saysPublished: boolean } {
  switch (ref) {
    case 1: // ContentDeleted
      return { length: decoding.readVarUint(decoder), saysPublished: false };
    case 2: {
      // ContentJSON: JSON texts
      const count = decoding.readVarUint(decoder);
      let saysPublished = false;
      for (let i = 0; i < count; i += 1) {
        const text = decoding.readVarString(decoder);
        // Parsed, not compared as text: "publi\u0073hed" says the same.
        if (text !== 'undefined' && parseJson(text) === 'published') saysPublished = true;
      }
      return { length: count, saysPublished };
    }
    case 3: // ContentBinary
      decoding.readVarUint8Array(decoder);
      return { length: 1, saysPublished: false };
    case 4: {
      // ContentString: its length counts UTF-16 code units, as Yjs counts
      const text = decoding.readVarString(decoder);
      return { length: text.length, saysPublished: text === 'published' };
    }
    case 5: // ContentEmbed: one JSON text
      decoding.readVarString(decoder);
      return { length: 1, saysPublished: false };
    case 6: // ContentFormat: key and JSON text
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return { length: 1, saysPublished: false };
    case 7: {
      // ContentType
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef >= TYPE_REF_COUNT) throw new UnreadableUpdateError(`unknown type ref ${typeRef}`);
      if (NAMED_TYPE_REFS.has(typeRef)) decoding.readVarString(decoder);
      return { length: 1, saysPublished: false };
    }
    case 8: {
      // ContentAny
      const count = decoding.readVarUint(decoder);
      let saysPublished = false;
      for (let i = 0; i < count; i += 1) if (decoding.readAny(decoder) === 'published') saysPublished = true;
      return { length: count, saysPublished };
    }
    case 9: // ContentDoc: guid and options
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return { length: 1, saysPublished: false };
    default:
      throw new UnreadableUpdateError(`unknown content ref ${ref}`);
  }
}

/** Reads an update; throws UnreadableUpdateError (or lib0's decoding errors) for what Yjs could not read. */
export function scanUpdate(update: Uint8Array): ScannedUpdate {
  const decoder = decoding.createDecoder(update);
  const structs: ScannedStruct[] = [];
  const clients = decoding.readVarUint(decoder);
  const seen = new Set<number>();
  for (let c = 0; c < clients; c += 1) {
    const count = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    // Yjs keeps only the last block of a client and drops the rest, so an origin could resolve
    // here to an item Yjs never integrates. Yjs's encoders write each client once: refuse.
    if (seen.has(client)) throw new UnreadableUpdateError(`client ${client} appears twice`);
    seen.add(client);
    let clock = decoding.readVarUint(decoder);
    for (let s = 0; s < count; s += 1) {
      const info = decoding.readUint8(decoder);
      if (info === 10) {
        const length = decoding.readVarUint(decoder);
        structs.push({ kind: 'skip', id: Y.createID(client, clock), length, origin: null, rightOrigin: null, parent: null, parentSub: null, saysPublished: false });
        clock += length;
      } else if ((info & BITS5) !== 0) {
        const origin = (info & BIT8) === BIT8 ? readId(decoder) : null;
        const rightOrigin = (info & BIT7) === BIT7 ? readId(decoder) : null;
        const ownParent = (info & (BIT7 | BIT8)) === 0;
        const parent = ownParent ? (decoding.readVarUint(decoder) === 1 ? decoding.readVarString(decoder) : readId(decoder)) : null;
        const parentSub = ownParent && (info & BIT6) === BIT6 ? decoding.readVarString(decoder) : null;
        const { length, saysPublished } = readContent(decoder, info & BITS5);
        structs.push({ kind: 'item', id: Y.createID(client, clock), length, origin, rightOrigin, parent, parentSub, saysPublished });
        clock += length;
      } else {
        const length = decoding.readVarUint(decoder);
        structs.push({ kind: 'gc', id: Y.createID(client, clock), length, origin: null, rightOrigin: null, parent: null, parentSub: null, saysPublished: false });
        clock += length;
      }
    }
  }
  const deletes = new Map<number, { clock: number; len: number }[]>();
  const deleteClients = decoding.readVarUint(decoder);
  for (let c = 0; c < deleteClients; c += 1) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    if (count === 0) continue;
    let ranges = deletes.get(client);
    if (!ranges) deletes.set(client, (ranges = []));
    for (let d = 0; d < count; d += 1) ranges.push({ clock: decoding.readVarUint(decoder), len: decoding.readVarUint(decoder) });
  }
  return { structs, deletes };
}
