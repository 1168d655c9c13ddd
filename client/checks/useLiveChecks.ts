/** The live checks of an open session: created with it, running while the workspace is mounted. */
import { useEffect, useMemo } from 'react';
import type { Role } from '../../shared/api/index.ts';
import type { Session } from '../editor/session.ts';
import type { ChecksContextValue } from './ChecksContext.tsx';
import { createLiveChecks } from './live-checks.ts';
import { createPopoverStore } from './popover.ts';
import { createTargets } from './targets.ts';

/** The checks context for `session`. Creating it is cheap and side-effect free; the effect starts it. */
export function useLiveChecks(session: Session, role: Role, token: string): ChecksContextValue {
  const value = useMemo<ChecksContextValue>(
    () => ({ checks: createLiveChecks(session, role, token), popover: createPopoverStore(), targets: createTargets() }),
    [session, role, token],
  );
  useEffect(() => value.checks.start(), [value]);
  return value;
}
