/** One client connection as the collaboration code sees it: no socket details leak past this. */
import type { Role } from '../../shared/api/types.ts';

export interface Peer {
  /** Short random id for log lines (never the token). */
  readonly id: string;
  readonly role: Role;
  /** The awareness client id this connection publishes for, bound by its first awareness update. */
  awarenessClientId: number | undefined;
  readonly closed: boolean;
  /**
   * The server closed this peer for what it sent (malformed or refused). Its queued messages are
   * dropped; a peer that merely disconnected still has every message it sent before applied.
   */
  readonly rejected: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
