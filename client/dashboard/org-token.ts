/**
 * The organisation token in this browser. It arrives in the dashboard link's fragment
 * (`/dashboard#org=<token>`, never sent to a server or in a Referer header), is kept in
 * localStorage so the plain /dashboard address works afterwards, and leaves the address bar at once.
 */
const KEY = 'second-story:org-token';

export function loadOrgToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveOrgToken(token: string): void {
  try {
    localStorage.setItem(KEY, token);
  } catch {
    // Storage disabled: the token lives for this page only.
  }
}

export function forgetOrgToken(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}

/** The token in the address's fragment, if any (`#org=<token>`). */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('org')?.trim();
  return token ? token : null;
}

/** Where the dashboard opens a postmortem: read-only, with the organisation token. */
export function postmortemLink(id: string, token: string): string {
  return `/p/${encodeURIComponent(id)}#t=${encodeURIComponent(token)}`;
}
