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
