/** What the latency orchestrator and the load-generator child say to each other over IPC. */
import type { Summary } from './stats.ts';

/** A document on a target server, and the token its clients open it with. */
export interface LoadDocument {
  room: string;
  token: string;
}

/** A server the load generator types into: its collaboration URL and the documents on it. */
export interface LoadTarget {
  name: string;
  /** ws://host:port/collab */
  wsUrl: string;
  /** The documents this generator's clients open (every client of a document lives in one generator). */
  documents: LoadDocument[];
}

export interface LoadConfig {
  targets: LoadTarget[];
  /** Clients on each document. */
  clientsPerDocument: number;
  /** Edits per second per client. */
  editsPerSecond: number;
  /** Pause after each slice before the next target types. */
  quietMs: number;
  /** Also publish the caret (awareness) after each edit, as TipTap's caret extension does. */
  carets: boolean;
  /** Longest wait, after the last edit, for every edit to reach every client. */
  settleTimeoutMs: number;
}

/**
 * What one generator measured on one target. The orchestrator merges the parts of all its
 * generators into a LoadResult (raw latencies, so that percentiles are over every sample).
 */
export interface LoadPart {
  name: string;
  clients: number;
  connectMs: number;
  editsSent: number;
  editsMeasured: number;
  measuredSeconds: number;
  latencies: number[];
  toAll: number[];
  /** Highest latency per second of measured typing. */
  maxBySecond: number[];
  deliveredWhileMeasuring: number;
  lostDeliveries: number;
  editsNotEverywhere: number;
  unconvergedClients: number;
  textLength: number;
  expectedTextLength: number;
  settleMs: number;
  disconnects: number;
  loadGenCpuSeconds: number;
  loadGenLoopDelayP99Ms: number;
}

export interface LoadResult {
  name: string;
  clients: number;
  documents: number;
  /** From creating the providers to all of them synced. */
  connectMs: number;
  editsSent: number;
  /** Edits made inside measured slices. */
  editsMeasured: number;
  measuredSeconds: number;
  /** Edit-to-peer latency of each (measured edit, receiving client), ms. */
  latencyMs: Summary;
  /** Per measured edit: time until the last other client had it. */
  latencyToAllMs: Summary;
  /** The five seconds of measured typing with the highest latency, slowest first. */
  worstSeconds: { second: number; maxMs: number }[];
  /** Edits delivered to a peer during measured slices, per second, all clients together. */
  deliveredPerSecond: number;
  /** (edit, receiver) pairs never delivered, over all edits sent. */
  lostDeliveries: number;
  /** Edits that did not reach every other client. */
  editsNotEverywhere: number;
  /** Clients whose summary differs from the most common one at the end. */
  unconvergedClients: number;
  /** Summary text length on the clients, and the length every insert adds up to. */
  textLength: number;
  expectedTextLength: number;
  /** How long the clients needed after the last edit to receive everything. */
  settleMs: number;
  /** Socket closes after the initial sync (each one means a reconnect and resync). */
  disconnects: number;
  /** Load-generator CPU during this target's measured slices. */
  loadGenCpuSeconds: number;
  /** Event-loop delay of the load generator during this target's slices (high = the generator, not the server, was slow). */
  loadGenLoopDelayP99Ms: number;
}

/** Orchestrator -> generator: type into one target (every generator at once), or report. */
export type LoadCommand = { type: 'type'; target: number; ms: number; measure: boolean } | { type: 'finish' };

/** Generator -> orchestrator. */
export type LoadMessage =
  | { type: 'synced' }
  | { type: 'typed' }
  | { type: 'result'; parts: LoadPart[] }
  | { type: 'error'; message: string };
