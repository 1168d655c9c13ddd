/** Capability tokens: long and random, stored only as SHA-256 hashes, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../shared/api/types.ts';

/** A new token: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A new postmortem id: 96 random bits, URL- and file-name-safe. */
export function newPostmortemId(): string {
  return randomBytes(12).toString('base64url');
}

/** SHA-256 hex of a token; tokens carry 256 bits of entropy, so no slow hash is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The role a token opens, given the stored hashes; null when it opens none. */
export function roleForToken(token: string | undefined | null, hashes: Record<Role, string>): Role | null {
  if (!token || token.length > 200) return null;
  const presented = Buffer.from(hashToken(token), 'hex');
  let found: Role | null = null;
  for (const role of ROLES) {
    const stored = Buffer.from(hashes[role] ?? '', 'hex');
    // Compare against every role, so timing does not tell which one matched.
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) found = role;
  }
  return found;
}

/** Tells whether a presented token is the organisation token (by hash, in constant time). */
export type OrgTokenMatcher = (token: string | null | undefined) => boolean;

export function orgTokenMatcher(orgToken: string): OrgTokenMatcher {
  const expected = Buffer.from(hashToken(orgToken), 'hex');
  return (token) => {
    if (!token || token.length > 200) return false;
    return timingSafeEqual(Buffer.from(hashToken(token), 'hex'), expected);
  };
}

/**
 * The role a token opens on one postmortem. The organisation token reads every postmortem as a
 * viewer: the dashboard links back to each one, and the organisation lead may read them all but
 * write none (triage and pending notes stay facilitator-only).
 */
export function accessRole(token: string | null | undefined, hashes: Record<Role, string>, isOrgToken?: OrgTokenMatcher): Role | null {
  return roleForToken(token, hashes) ?? (isOrgToken?.(token) ? 'viewer' : null);
}
