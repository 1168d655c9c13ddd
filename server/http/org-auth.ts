/**
 * The organisation token on dashboard routes: missing → 401, wrong → 403 (counted as a failed
 * attempt), too many failures from one address → 429. Compared by hash, in constant time.
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
  return { limiter: req.app.locals.authFailures as FailureLimiter | undefined, address: req.socket.remoteAddress ?? 'unknown' };
}

export function orgAuth(orgToken: string): OrgAuth {
  const matches = orgTokenMatcher(orgToken);
  const check = (req: Request): void => {
    const { limiter, address } = limiterOf(req);
    if (limiter?.blocked(address)) throw new HttpError(429, 'rate_limited', 'too many failed attempts; wait a minute');
    const token = bearerToken(req);
    if (!token) throw new HttpError(401, 'unauthorized', 'send the organisation token as Authorization: Bearer <token>');
    if (!matches(token)) {
      limiter?.fail(address);
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
  const { limiter, address } = limiterOf(req);
  if (org.matches(bearerToken(req)) && !limiter?.blocked(address)) {
    if (!(await store.getRecord(id))) throw new HttpError(404, 'not_found', 'no postmortem with this id');
    return 'organisation';
  }
  return (await authorize(store, req, id)).role;
}
