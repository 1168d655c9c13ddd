/** What the latency orchestrator and the load-generator child say to each other over IPC. */
import type { Summary } from './stats.ts';

/** A server the load generator types into: its collaboration URL and one document on it. */
export interface LoadTarget {
  name: string;
  /** ws://host:port/collab */
  wsUrl: string;
  room: string;
  token: string;
}

export interface LoadConfig {
  targets: LoadTarget[];
  /** Clients per target. */
  clients: number;
  /** Edits per second per client. */
  editsPerSecond: number;
  /** Typing per target before measuring. */
  warmupMs: number;
  /** Measured typing per target, in slices that alternate between the targets. */
  durationMs: number;
  sliceMs: number;
  /** Pause after each slice before the next target types. */
  quietMs: number;
  /** Also publish the caret (awareness) after each edit, as TipTap's caret extension does. */
  carets: boolean;
  /** Longest wait, after the last edit, for every edit to reach every client. */
  settleTimeoutMs: number;
}

export interface LoadResult {
  name: string;
  clients: number;
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

export type LoadMessage =
  | { type: 'phase'; phase: 'synced' | 'measure-start' | 'measure-end' }
  | { type: 'result'; results: LoadResult[] }
  | { type: 'error'; message: string };
