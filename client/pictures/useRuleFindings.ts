/** The live checks' active findings of one rule, for pictures that show them (none outside a workspace). */
import { useMemo, useSyncExternalStore } from 'react';
import type { RuleId } from '../../shared/checks/types.ts';
import { useChecksContext } from '../checks/ChecksContext.tsx';
import { EMPTY_VIEW, type ShownFinding } from '../checks/view.ts';

const noSubscribe = () => () => {};

/** Active (not dismissed) findings of `rule`, in the engine's order. */
export function useRuleFindings(rule: RuleId): readonly ShownFinding[] {
  const context = useChecksContext();
  const state = context?.checks.state;
  const view = useSyncExternalStore(state?.subscribe ?? noSubscribe, () => state?.get().view ?? EMPTY_VIEW);
  return useMemo(() => view.active.filter((f) => f.rule === rule), [view, rule]);
}
