/** The open document's live checks, popover and field targets, for every component below. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { FindingSection } from '../../shared/checks/types.ts';
import type { LiveChecks, LiveChecksState } from './live-checks.ts';
import type { PopoverRequest, PopoverStore } from './popover.ts';
import type { Targets } from './targets.ts';
import type { ChecksView, FieldChecks, ShownFinding } from './view.ts';

export interface ChecksContextValue {
  checks: LiveChecks;
  popover: PopoverStore;
  targets: Targets;
}

const ChecksContext = createContext<ChecksContextValue | null>(null);

export const ChecksProvider = ChecksContext.Provider;

/** The checks of the open document, or null outside a workspace (e.g. a bare editor). */
export function useChecksContext(): ChecksContextValue | null {
  return useContext(ChecksContext);
}

/** The checks of the open document; only valid under <ChecksProvider>. */
export function useChecks(): ChecksContextValue {
  const value = useContext(ChecksContext);
  if (!value) throw new Error('useChecks() outside <ChecksProvider>');
  return value;
}

function useLiveState<T>(checks: LiveChecks | null, select: (state: LiveChecksState) => T, fallback: T): T {
  return useSyncExternalStore(checks?.state.subscribe ?? noSubscribe, () => (checks ? select(checks.state.get()) : fallback));
}

const noSubscribe = () => () => {};

/** The current findings view. */
export function useChecksView(): ChecksView {
  const { checks } = useChecks();
  return useSyncExternalStore(checks.state.subscribe, () => checks.state.get().view);
}

/** Facilitators: how the postmortem was published. */
export function usePublishInfo(): LiveChecksState['publish'] {
  const { checks } = useChecks();
  return useLiveState(checks, (s) => s.publish, null);
}

/** A field's findings (undefined when it has none); re-renders only when they change. */
export function useFieldChecks(fieldKey: string): FieldChecks | undefined {
  const context = useChecksContext();
  return useLiveState(context?.checks ?? null, (s) => s.view.fields.get(fieldKey), undefined);
}

const NO_FINDINGS: readonly ShownFinding[] = [];

/** Findings about a whole section (no field), not dismissed. */
export function useSectionChecks(section: FindingSection): readonly ShownFinding[] {
  const context = useChecksContext();
  return useLiveState(context?.checks ?? null, (s) => s.view.sections.get(section) ?? NO_FINDINGS, NO_FINDINGS);
}

/** The open popover, if any. */
export function usePopover(): PopoverRequest | null {
  const { popover } = useChecks();
  return useSyncExternalStore(popover.subscribe, () => popover.get().open);
}
