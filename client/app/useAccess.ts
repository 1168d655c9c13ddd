/**
 * Which role this link opens, from GET /api/postmortems/:id. Offline, the role remembered
 * from the last visit is used (or read-only when there is none), so a stored copy still opens.
 */
import { useEffect, useState } from 'react';
import type { Role } from '../../shared/api/index.ts';
import { ApiError, getPostmortem } from '../api/client.ts';
import { loadRole, saveRole } from './saved.ts';

export type Access =
  | { state: 'loading' }
  | { state: 'ok'; role: Role; offline: boolean }
  | { state: 'denied'; error: ApiError };

/** Resolves the link's role once per id and token. */
export function useAccess(id: string, token: string): Access {
  const [access, setAccess] = useState<Access>({ state: 'loading' });
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    getPostmortem(id, token, controller.signal)
      .then((info) => {
        saveRole(id, token, info.role);
        setAccess({ state: 'ok', role: info.role, offline: false });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, 'network', 'Unexpected failure.');
        const known = loadRole(id, token);
        if ([400, 401, 403, 404].includes(apiError.status) || (apiError.status !== 0 && !known)) {
          setAccess({ state: 'denied', error: apiError });
        } else {
          setAccess({ state: 'ok', role: known ?? 'viewer', offline: true });
        }
      });
    return () => controller.abort();
  }, [id, token]);
  return access;
}
