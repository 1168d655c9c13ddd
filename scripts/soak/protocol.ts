/** What the soak orchestrator, the server's probe and the soak's client processes say over IPC. */

/** One look at the server process (scripts/soak/probe.mjs). */
export interface ProbeSample {
  /** Date.now() when taken. */
  at: number;
  rssMiB: number;
  /** Heap in use right after a full collection. */
  heapUsedMiB: number;
  externalMiB: number;
  /** process.getActiveResourcesInfo() counted by kind (TCPSocketWrap, Timeout, FSReqCallback, ...). */
  resources: Record<string, number>;
  /** The server's event-loop delay since the previous sample (includes this probe's own collection). */
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  fds: { sockets: number; dataFiles: number; walFiles: number; other: number };
}

export interface SoakDocument {
  room: string;
  token: string;
}

export interface SoakClientConfig {
  /** ws://host:port/collab */
  wsUrl: string;
  /** The documents this process's clients share, all clients of a document in this process. */
  documents: SoakDocument[];
  clientsPerDocument: number;
  editsPerSecond: number;
  /** Each document's clients type this long, then pause together (so the server's checks run). */
  burstMs: number;
  pauseMs: number;
  /** Every this many ms, one client of each document leaves and a new one joins. */
  churnEveryMs: number;
  /** Past this length, a client deletes a stretch before its caret instead of typing. */
  maxTextLength: number;
  seed: number;
}

export interface SoakClientResult {
  documents: number;
  clients: number;
  editsSent: number;
  deletions: number;
  joins: number;
  leaves: number;
  /** Socket closes the clients did not ask for. */
  unexpectedDisconnects: number;
  /** Clients whose summary differs from the rest of their document's clients at the end. */
  unconvergedClients: number;
  /** Documents whose clients did not all agree before leaving. */
  unconvergedDocuments: number;
  /** Sockets closed without the client asking (refused or dropped), by close code. */
  closeCodes: Record<string, number>;
  /** Clients that joined mid-run and had not synced by the end. */
  joinsNotSynced: number;
  /** Slowest and total time from a mid-run client's provider to its first sync, ms. */
  joinToSyncMaxMs: number;
  joinToSyncSumMs: number;
  /** Sum over documents of Y.encodeStateAsUpdate size, at the start and the end of typing. */
  stateBytesAtStart: number;
  stateBytesAtEnd: number;
  /**
   * Heap the documents themselves take (one copy of each, rebuilt from its state in the client
   * process after a full collection), at the start and the end of typing: what a server holding
   * them must grow by, leak or no leak.
   */
  docsHeapBytesAtStart: number;
  docsHeapBytesAtEnd: number;
}

/** Orchestrator -> client process. */
export type SoakCommand = { type: 'start' } | { type: 'stop' } | { type: 'leave' };

/** Client process -> orchestrator. */
export type SoakClientMessage =
  | { type: 'synced' }
  | { type: 'stopped'; result: SoakClientResult }
  | { type: 'left' }
  | { type: 'error'; message: string };
