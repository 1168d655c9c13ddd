/** Resolves `Authorization: Bearer <token>` on /api/postmortems/:id routes to a role. */
import type { Request } from 'express';
import { POSTMORTEM_ID, type Role } from '../../shared/api/types.ts';
import type { PostmortemRecord, PostmortemStore } from '../storage/store.ts';
import { accessRole, type OrgTokenMatcher } from '../tokens.ts';
import { HttpError } from './errors.ts';
import type { FailureLimiter } from './failure-limiter.ts';

export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export interface Authorized {
  record: PostmortemRecord;
  role: Role;
}

const rateLimited = (): HttpError => new HttpError(429, 'rate_limited', 'too many failed attempts; wait a minute');

/**
 * The record and the caller's role (the organisation token reads as a viewer): 404 for an unknown
 * id, 401 for a missing or wrong token, 403 for a role not in `allowed`. The token is checked
 * before the failure limit, so an address that keeps failing gets 429 for its failures only and a
 * valid token from it (a whole office behind one proxy) still works. Tokens are 256 random bits:
 * the limit is against probing ids and noise, not against guessing them.
 */
export async function authorize(
  store: PostmortemStore,
  req: Request,
  id: string,
  allowed?: readonly Role[],
): Promise<Authorized> {
  const limiter = req.app.locals.authFailures as FailureLimiter | undefined;
  const address = limiter?.addressOf(req) ?? 'unknown';
  const fail = (error: HttpError): never => {
    throw limiter?.failed(address) ? rateLimited() : error;
  };
  const record = POSTMORTEM_ID.test(id) ? await store.getRecord(id) : null;
  if (!record) return fail(new HttpError(404, 'not_found', 'no postmortem with this id'));
  const token = bearerToken(req);
  if (!token) {
    // Not a guess, so not counted; a waiting address still cannot tell known ids from unknown ones.
    if (limiter?.blocked(address)) throw rateLimited();
    throw new HttpError(401, 'unauthorized', 'send the postmortem token as Authorization: Bearer <token>');
  }
  const role = accessRole(token, record.tokenHashes, req.app.locals.isOrgToken as OrgTokenMatcher | undefined);
  if (!role) return fail(new HttpError(401, 'unauthorized', 'this token is not valid for this postmortem'));
  if (allowed && !allowed.includes(role)) throw new HttpError(403, 'forbidden', `the ${role} role may not do this`);
  return { record, role };
}
