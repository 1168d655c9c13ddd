/**
 * Counts failed token uses and failed upgrades per client address; past the limit, that address
 * waits out the rest of the minute. Only failures are counted, so valid use (an anonymous note
 * with a valid token included) is never recorded.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config.ts';

/** Whether the address `hop` steps from the server is a proxy to believe about the one before it. */
type TrustHop = (address: string, hop: number) => boolean;

/** TRUST_PROXY as proxy-addr's trust function (the rule Express's `trust proxy` follows). */
function compileTrust(trust: TrustProxy): TrustHop {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyaddr.compile([...trust]);
}

/** IPv4 peers of a dual-stack socket read as ::ffff:a.b.c.d: one client, one key. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** The client's address: walking back from the socket's peer through X-Forwarded-For, the first that is not a trusted proxy. */
export function clientAddress(req: IncomingMessage, trust: TrustHop): string {
  if (!req.socket.remoteAddress) return 'unknown';
  // Bounded: a key is an address, not whatever text a proxy passed along.
  return plain(proxyaddr(req, trust)).slice(0, 64);
}

export interface FailureLimiterOptions {
  windowMs?: number;
  /** Proxies believed about the client address; default none (the socket's peer is the client). */
  trustProxy?: TrustProxy;
}

export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly windowMs: number;
  private readonly trust: TrustHop;

  constructor(
    private readonly maxPerWindow: number,
    { windowMs = 60_000, trustProxy = false }: FailureLimiterOptions = {},
  ) {
    this.windowMs = windowMs;
    this.trust = compileTrust(trustProxy);
  }

  /** The key failures of this request (HTTP or socket upgrade) count against. */
  addressOf(req: IncomingMessage): string {
    return clientAddress(req, this.trust);
  }

  blocked(key: string): boolean {
    const w = this.windows.get(key);
    if (!w) return false;
    if (Date.now() - w.start >= this.windowMs) {
      this.windows.delete(key);
      return false;
    }
    return w.count >= this.maxPerWindow;
  }

  fail(key: string): void {
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) this.windows.set(key, { start: now, count: 1 });
    else w.count += 1;
    // Bounded memory under a spray of addresses: forget the oldest.
    if (this.windows.size > 50_000) this.windows.delete(this.windows.keys().next().value as string);
  }

  /**
   * Counts one failed attempt; true when the address was already over the limit, so the answer
   * is "wait" (429 / 4429) rather than the failure itself. Checked after the token, so a valid
   * token is never made to wait.
   */
  failed(key: string): boolean {
    const waiting = this.blocked(key);
    this.fail(key);
    return waiting;
  }
}
