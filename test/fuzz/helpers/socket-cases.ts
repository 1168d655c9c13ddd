/**
 * The socket cases, as fast-check arbitraries of plain descriptions: random bytes, broken
 * envelopes, state vectors, hostile Yjs updates, presence for foreign ids, and mutations of
 * recorded valid traffic. `buildCase` turns one into a frame and what the server must do with it.
 */
import * as encoding from 'lib0/encoding';
import * as fc from 'fast-check';
import * as Y from 'yjs';
import type { Role } from '../../../shared/api/types.ts';
import { CloseCode } from '../../../shared/protocol/close-codes.ts';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages.ts';
import {
  awarenessFrame,
  bytes,
  concat,
  mutate,
  queryAwarenessFrame,
  step2Frame,
  syncFrame,
  truncatedVarint,
  updateFrame,
  type Mutation,
} from './frames.ts';
import { expectedVerdict, type AttackerFork, type DocState, type HostileOp } from './hostile.ts';

const ROLES: readonly Role[] = ['viewer', 'participant', 'facilitator'];

/** Who an awareness entry claims to be. */
type Claim = 'own' | 'victim' | 'random';
interface AwarenessEntrySpec {
  claim: Claim;
  randomId: number;
  clock: number;
  state: 'user' | 'null' | 'number' | 'badJson' | 'deep';
  name: string;
}

export type SocketCase =
  | { kind: 'random'; data: Uint8Array }
  | { kind: 'unknownType'; type: number; tail: Uint8Array }
  | { kind: 'truncated'; where: 'type' | 'sub' | 'length' | 'payload' | 'awarenessLength'; value: number; data: Uint8Array }
  | { kind: 'trailing'; base: 'step1' | 'update' | 'awareness' | 'query'; extra: Uint8Array }
  | { kind: 'badSync'; sub: number; payload: Uint8Array }
  | { kind: 'garbageUpdate'; asStep2: boolean; payload: Uint8Array }
  | { kind: 'stateVector'; entries: [number, number][]; raw: Uint8Array | null }
  | { kind: 'hostile'; op: HostileOp; idChoice: 'fresh' | 'forged' | 'small'; freshId: number; asStep2: boolean }
  | { kind: 'awareness'; entries: AwarenessEntrySpec[]; tooMany: boolean }
  | { kind: 'mutation'; source: number; mutations: Mutation[] }
  | { kind: 'replay'; source: number };

export interface SocketCaseInput {
  role: Role;
  c: SocketCase;
}

const smallText = fc.string({ maxLength: 12 });
const u32 = fc.nat({ max: 0xffffffff });
const bigUint = fc.oneof(fc.nat({ max: 300 }), u32, fc.maxSafeNat());

const hostileOp: fc.Arbitrary<HostileOp> = fc.oneof(
  fc.record({ kind: fc.constant('meta-set' as const), key: fc.constantFrom('title', 'severity', 'services', 'startedAt', 'zz'), value: smallText }),
  fc.record({ kind: fc.constant('moderation-set' as const), what: fc.constantFrom('status' as const, 'lock' as const, 'sectionStatus' as const), value: fc.oneof({ weight: 1, arbitrary: fc.constant('published') }, { weight: 30, arbitrary: fc.constantFrom('draft', 'review', 'done', '') }) }),
  fc.record({ kind: fc.constant('text-insert' as const), root: fc.nat(), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('text-delete' as const), root: fc.nat(), at: fc.nat(), len: fc.nat() }),
  fc.record({ kind: fc.constant('list-push' as const), root: fc.nat(), text: smallText }),
  fc.record({ kind: fc.constant('list-delete' as const), root: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('row-edit' as const), root: fc.nat(), at: fc.nat(), key: fc.constantFrom('id', 'status', 'owner', 'body', 'text'), value: smallText }),
  fc.record({ kind: fc.constant('unknown-root' as const), name: fc.string({ maxLength: 6 }), value: smallText }),
  fc.record({ kind: fc.constant('wrong-type' as const), root: fc.nat(), as: fc.constantFrom('array' as const, 'map' as const, 'text' as const), value: smallText }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('bitflip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.constantFrom(0, 0x7f, 0x80, 0xff, 1, 2, 3, 9, 10) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), data: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 16 }) }),
);

const awarenessEntry: fc.Arbitrary<AwarenessEntrySpec> = fc.record({
  claim: fc.constantFrom<Claim>('own', 'own', 'victim', 'random'),
  randomId: bigUint,
  clock: bigUint,
  state: fc.constantFrom('user' as const, 'user' as const, 'null' as const, 'number' as const, 'badJson' as const, 'deep' as const),
  name: fc.string({ maxLength: 20 }),
});

export const socketCase: fc.Arbitrary<SocketCase> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('random' as const), data: fc.uint8Array({ maxLength: 48 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknownType' as const),
      type: fc.oneof(fc.constant(MessageType.auth), fc.integer({ min: 4, max: 200 }), fc.maxSafeNat().filter((n) => n > 3)),
      tail: fc.uint8Array({ maxLength: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('truncated' as const),
      where: fc.constantFrom('type' as const, 'sub' as const, 'length' as const, 'payload' as const, 'awarenessLength' as const),
      value: fc.integer({ min: 128, max: 2 ** 40 }),
      data: fc.uint8Array({ maxLength: 10 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('trailing' as const),
      base: fc.constantFrom('step1' as const, 'update' as const, 'awareness' as const, 'query' as const),
      extra: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('badSync' as const), sub: fc.integer({ min: 3, max: 2 ** 31 }), payload: fc.uint8Array({ maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('garbageUpdate' as const), asStep2: fc.boolean(), payload: fc.uint8Array({ maxLength: 40 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stateVector' as const),
      entries: fc.array(fc.tuple(bigUint, bigUint), { maxLength: 4 }),
      raw: fc.option(fc.uint8Array({ maxLength: 12 }), { nil: null }),
    }),
  },
  {
    // The costly kind (a copy of the document per case): fewer of them, each exact.
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('hostile' as const),
      op: hostileOp,
      idChoice: fc.constantFrom('fresh' as const, 'fresh' as const, 'forged' as const, 'small' as const),
      freshId: fc.integer({ min: 1, max: 2 ** 31 }),
      asStep2: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('awareness' as const), entries: fc.array(awarenessEntry, { maxLength: 4 }), tooMany: fc.nat({ max: 19 }).map((n) => n === 0) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('mutation' as const), source: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), source: fc.nat() }) },
);

export const socketCaseInput: fc.Arbitrary<SocketCaseInput> = fc.record({ role: fc.constantFrom(...ROLES), c: socketCase });

/**
 * Cases whose effect on the document is known exactly: no random or mutated updates, which can
 * leave Yjs structs pending on missing dependencies (after which nothing is exact any more).
 */
const CHAOTIC: ReadonlySet<SocketCase['kind']> = new Set(['random', 'garbageUpdate', 'mutation', 'replay']);
// Wrong-typed root content too: Yjs integrates it differently in a document that typed the root
// (the server's) and one that did not (a client that never opened that section), see README.md.
const exact = (c: SocketCase) => !CHAOTIC.has(c.kind) && !(c.kind === 'hostile' && c.op.kind === 'wrong-type');
export const exactCaseInput: fc.Arbitrary<SocketCaseInput> = fc.record({ role: fc.constantFrom(...ROLES), c: socketCase.filter(exact) });

/** What the server must do with a frame. `any` leaves only the generic invariants to judge it. */
export type Expectation =
  | { outcome: 'open' }
  | { outcome: 'close'; code: number }
  | { outcome: 'any' }
  /** A hostile update: accepted (connection open) or refused with 4403. */
  | { outcome: 'write'; verdict: 'accept' | 'refuse' };

export interface BuiltCase {
  frame: Uint8Array;
  expect: Expectation;
  /** For awareness cases: the victim's id, whose presence must stay as it was. */
  victimId?: number;
}

export interface CaseContext {
  role: Role;
  fork: AttackerFork;
  state: DocState;
  roomDoc: Y.Doc;
  /** Client ids already in the document (someone else's content). */
  knownClients: readonly number[];
  /** The attacker connection's own awareness id, once bound. */
  ownAwarenessId: number | undefined;
  victimAwarenessId: number;
  corpus: readonly Uint8Array[];
}

const malformed = (): Expectation => ({ outcome: 'close', code: CloseCode.malformedMessage });

function awarenessPayload(entries: AwarenessEntrySpec[], ctx: CaseContext, tooMany: boolean): { data: Uint8Array; bad: boolean } {
  const e = encoding.createEncoder();
  if (tooMany) {
    encoding.writeVarUint(e, 10_001);
    return { data: encoding.toUint8Array(e), bad: true };
  }
  let bad = false;
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    const id = entry.claim === 'own' ? (ctx.ownAwarenessId ?? entry.randomId) : entry.claim === 'victim' ? ctx.victimAwarenessId : entry.randomId;
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, entry.clock);
    const state =
      entry.state === 'user'
        ? JSON.stringify({ user: { name: entry.name, color: '#123456' }, cursor: null })
        : entry.state === 'null'
          ? 'null'
          : entry.state === 'number'
            ? '42'
            : entry.state === 'deep'
              ? JSON.stringify({ user: { name: { toString: entry.name } } })
              : `{"user":${JSON.stringify(entry.name)}`; // never closed: not JSON
    if (entry.state === 'badJson') bad = true;
    encoding.writeVarString(e, state);
  }
  return { data: encoding.toUint8Array(e), bad };
}

function clientIdFor(c: Extract<SocketCase, { kind: 'hostile' }>, ctx: CaseContext): number {
  if (c.idChoice === 'forged' && ctx.knownClients.length > 0) return ctx.knownClients[c.freshId % ctx.knownClients.length]!;
  if (c.idChoice === 'small') return c.freshId % 4;
  return c.freshId;
}

/** Turns a case description into a frame and its expectation, against the room's state now. */
export function buildCase(input: SocketCaseInput, ctx: CaseContext): BuiltCase {
  const { c } = input;
  switch (c.kind) {
    case 'random':
      return { frame: c.data, expect: { outcome: 'any' } };
    case 'unknownType':
      return { frame: concat(bytes((e) => encoding.writeVarUint(e, c.type)), c.tail), expect: malformed() };
    case 'truncated': {
      const sync = Uint8Array.of(MessageType.sync);
      const frames = {
        type: truncatedVarint(new Uint8Array(0), c.value),
        sub: truncatedVarint(sync, c.value),
        length: truncatedVarint(Uint8Array.of(MessageType.sync, SyncMessageType.update), c.value),
        // A payload length larger than what follows.
        payload: concat(bytes((e) => encoding.writeVarUint(e, MessageType.sync), (e) => encoding.writeVarUint(e, SyncMessageType.update), (e) => encoding.writeVarUint(e, c.data.length + 1 + (c.value % 1000))), c.data),
        awarenessLength: truncatedVarint(Uint8Array.of(MessageType.awareness), c.value),
      };
      return { frame: frames[c.where], expect: malformed() };
    }
    case 'trailing': {
      const base = {
        step1: syncFrame(SyncMessageType.step1, Uint8Array.of(0)),
        update: updateFrame(new Uint8Array([0, 0])),
        awareness: awarenessFrame(new Uint8Array([0])),
        query: queryAwarenessFrame(),
      }[c.base];
      return { frame: concat(base, c.extra), expect: malformed() };
    }
    case 'badSync':
      return { frame: syncFrame(c.sub, c.payload), expect: malformed() };
    case 'garbageUpdate':
      // Random bytes may decode as a (harmless) update: only the generic invariants apply.
      return { frame: c.asStep2 ? step2Frame(c.payload) : updateFrame(c.payload), expect: { outcome: 'any' } };
    case 'stateVector': {
      if (c.raw) return { frame: syncFrame(SyncMessageType.step1, c.raw), expect: { outcome: 'any' } };
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, c.entries.length);
      for (const [client, clock] of c.entries) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, clock);
      }
      // Any well-formed state vector, however far ahead, gets an answer and keeps the connection.
      return { frame: syncFrame(SyncMessageType.step1, encoding.toUint8Array(e)), expect: { outcome: 'open' } };
    }
    case 'hostile': {
      const crafted = ctx.fork.craft(c.op, clientIdFor(c, ctx));
      const verdict = expectedVerdict(input.role, crafted, ctx.state, ctx.roomDoc);
      const frame = c.asStep2 ? step2Frame(crafted.update) : updateFrame(crafted.update);
      return { frame, expect: verdict === 'unsure' ? { outcome: 'any' } : { outcome: 'write', verdict } };
    }
    case 'awareness': {
      const { data, bad } = awarenessPayload(c.entries, ctx, c.tooMany);
      return { frame: awarenessFrame(data), expect: bad ? malformed() : { outcome: 'open' }, victimId: ctx.victimAwarenessId };
    }
    case 'mutation': {
      if (ctx.corpus.length === 0) return { frame: queryAwarenessFrame(), expect: { outcome: 'open' } };
      let frame = ctx.corpus[c.source % ctx.corpus.length]!;
      for (const m of c.mutations) frame = mutate(frame, m, ctx.corpus);
      return { frame, expect: { outcome: 'any' }, victimId: ctx.victimAwarenessId };
    }
    case 'replay': {
      if (ctx.corpus.length === 0) return { frame: queryAwarenessFrame(), expect: { outcome: 'open' } };
      return { frame: ctx.corpus[c.source % ctx.corpus.length]!, expect: { outcome: 'any' }, victimId: ctx.victimAwarenessId };
    }
  }
}
