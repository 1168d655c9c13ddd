/**
 * The organisation token on dashboard routes: missing → 401, wrong → 403 (counted as a failed
 * attempt); once one address has failed too often its failures get 429 instead, while the right
 * token still works. Compared by hash, in constant time.
 */
import type { Request } from 'express';
import type { Role } from '../../shared/api/types.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { orgTokenMatcher } from '../tokens.ts';
import { authorize, bearerToken } from './auth.ts';
import { HttpError } from './errors.ts';
import type { FailureLimiter } from './failure-limiter.ts';

export interface OrgAuth {
  /** True when `token` is the organisation token. */
  matches(token: string | null): boolean;
  /** Throws 429, 401 or 403 unless the request carries the organisation token. */
  check(req: Request): void;
}

function limiterOf(req: Request): { limiter: FailureLimiter | undefined; address: string } {
  const limiter = req.app.locals.authFailures as FailureLimiter | undefined;
  return { limiter, address: limiter?.addressOf(req) ?? 'unknown' };
}

const rateLimited = (): HttpError => new HttpError(429, 'rate_limited', 'too many failed attempts; wait a minute');

export function orgAuth(orgToken: string): OrgAuth {
  const matches = orgTokenMatcher(orgToken);
  const check = (req: Request): void => {
    // The token first: an address that keeps failing waits for its failures only.
    const { limiter, address } = limiterOf(req);
    const token = bearerToken(req);
    if (!token) {
      if (limiter?.blocked(address)) throw rateLimited();
      throw new HttpError(401, 'unauthorized', 'send the organisation token as Authorization: Bearer <token>');
    }
    if (!matches(token)) {
      if (limiter?.failed(address)) throw rateLimited();
      throw new HttpError(403, 'forbidden', 'this is not the organisation token');
    }
  };
  return { matches, check };
}

/**
 * For routes on one postmortem that the dashboard also reads: the organisation token, or any
 * role's token of that postmortem (answered as `authorize` does).
 */
export async function authorizeOrgOrRole(store: PostmortemStore, org: OrgAuth, req: Request, id: string): Promise<Role | 'organisation'> {
  if (org.matches(bearerToken(req))) {
    if (!(await store.getRecord(id))) throw new HttpError(404, 'not_found', 'no postmortem with this id');
    return 'organisation';
  }
  return (await authorize(store, req, id)).role;
}
