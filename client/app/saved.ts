/**
 * What this browser remembers: the capability links of postmortems it created (the server
 * keeps only token hashes and cannot show them again), the person's display name and colour,
 * and the last role each link opened (so an offline reopen knows whether it may edit).
 */
import { z } from 'zod';
import type { CreatePostmortemResponse, Role } from '../../shared/api/index.ts';
import { ROLES } from '../../shared/api/index.ts';
// sections.ts, not index.ts: the schema index pulls yjs into the home page.
import { SEVERITIES, type Severity } from '../../shared/schema/sections.ts';

const PREFIX = 'second-story:';
const LINKS_PREFIX = `${PREFIX}links:`;
const NAME_KEY = `${PREFIX}name`;
const COLOR_KEY = `${PREFIX}color`;

/** Caret and avatar colours: all dark enough for white text (WCAG AA). */
export const PALETTE = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#4338ca',
  '#a16207',
] as const;

const savedLinks = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  createdAt: z.string(),
  links: z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() }),
});
export type SavedLinks = z.infer<typeof savedLinks>;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage full or disabled: the app still works, it just forgets.
  }
}

/** Remembers the links of a postmortem created in this browser. */
export function saveLinks(created: CreatePostmortemResponse, title: string, severity: Severity): void {
  const entry: SavedLinks = { id: created.id, title, severity, createdAt: new Date().toISOString(), links: created.links };
  write(`${LINKS_PREFIX}${created.id}`, JSON.stringify(entry));
}

function parseLinks(raw: string | null): SavedLinks | null {
  if (!raw) return null;
  try {
    const parsed = savedLinks.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The saved links of one postmortem, or null when another browser created it. */
export function loadLinks(id: string): SavedLinks | null {
  return parseLinks(read(`${LINKS_PREFIX}${id}`));
}

/** Every postmortem created in this browser, newest first. */
export function listSavedPostmortems(): SavedLinks[] {
  const out: SavedLinks[] = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(LINKS_PREFIX)) {
        const entry = parseLinks(read(key));
        if (entry) out.push(entry);
      }
    }
  } catch {
    return out;
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The in-app address (path and fragment) of an absolute capability link. */
export function appPath(link: string): string {
  try {
    const url = new URL(link, location.origin);
    return `${url.pathname}${url.hash}`;
  } catch {
    return link;
  }
}

export interface Identity {
  name: string;
  color: string;
}

/** The remembered display name and colour; the colour is picked once. */
export function loadIdentity(): Identity | null {
  const name = read(NAME_KEY)?.trim();
  if (!name) return null;
  return { name, color: loadColor() };
}

/** Stores the display name and returns the full identity. */
export function saveName(name: string): Identity {
  write(NAME_KEY, name.trim());
  return { name: name.trim(), color: loadColor() };
}

function loadColor(): string {
  const stored = read(COLOR_KEY);
  if (stored && /^#[0-9a-fA-F]{6}$/.test(stored)) return stored;
  const color = PALETTE[Math.floor(Math.random() * PALETTE.length)] ?? PALETTE[0];
  write(COLOR_KEY, color);
  return color;
}

// A short non-secret fingerprint of the token: enough to tell two links apart in one browser.
function fingerprint(token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

/** Remembers which role a link opened, for offline reopening. */
export function saveRole(id: string, token: string, role: Role): void {
  write(`${PREFIX}role:${id}:${fingerprint(token)}`, role);
}

/** The role this link opened last time, if known. */
export function loadRole(id: string, token: string): Role | null {
  const raw = read(`${PREFIX}role:${id}:${fingerprint(token)}`);
  return ROLES.find((r) => r === raw) ?? null;
}
