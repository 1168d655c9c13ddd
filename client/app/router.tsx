/**
 * A tiny router: history.pushState plus popstate, read through useSyncExternalStore.
 * The URL fragment carries the capability token, so navigation always keeps it intact.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    window.addEventListener('popstate', notify);
    window.addEventListener('hashchange', notify);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener('popstate', notify);
      window.removeEventListener('hashchange', notify);
    }
  };
}

function snapshot(): string {
  return `${location.pathname}${location.hash}`;
}

/** Goes to an in-app address ("/p/abc#t=..."), adding a history entry unless `replace`. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

export type Route = { name: 'home' } | { name: 'dashboard' } | { name: 'postmortem'; id: string; token: string } | { name: 'not-found' };

/** Reads the route from a path and fragment. */
export function matchRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'home' };
  if (pathname === '/dashboard' || pathname === '/dashboard/') return { name: 'dashboard' };
  const match = /^\/p\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (match?.[1]) {
    const token = new URLSearchParams(hash.replace(/^#/, '')).get('t') ?? '';
    return { name: 'postmortem', id: match[1], token };
  }
  return { name: 'not-found' };
}

/** The current route; re-renders on every navigation. */
export function useRoute(): Route {
  useSyncExternalStore(subscribe, snapshot);
  return matchRoute(location.pathname, location.hash);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An <a> that navigates in-app on a plain left click and behaves normally otherwise. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
