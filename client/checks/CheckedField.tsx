/**
 * Checks on a plain text input (action item, defense name, title): an outline in the most severe
 * finding's colour and a badge with the count that opens the findings' popover.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { fieldKey, type TextField } from '../../shared/checks/types.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { CheckBadge } from './CheckBadge.tsx';
import { useChecksContext, useFieldChecks } from './ChecksContext.tsx';
import { topSeverity } from './view.ts';

interface Props {
  field: TextField;
  /** The row or map the input writes to, and its key: quick fixes write there too. */
  map: Y.Map<unknown>;
  mapKey: string;
  /** Accessible name of the field, e.g. "Action item 2". */
  label: string;
  className?: string;
  children: ReactNode;
}

/** Wraps one input (its only input child) with its findings. */
export function CheckedField({ field, map, mapKey, label, className = '', children }: Props) {
  const { session } = useDoc();
  const context = useChecksContext();
  const key = fieldKey(field);
  const checks = useFieldChecks(key);
  const wrapper = useRef<HTMLDivElement>(null);
  const targets = context?.targets;

  useEffect(() => {
    const input = wrapper.current?.querySelector('input');
    if (!targets || !input) return;
    return targets.register(key, {
      kind: 'input',
      input,
      write: (value) => session.step(() => map.set(mapKey, value)),
    });
  }, [targets, key, session, map, mapKey]);

  const active = checks?.active ?? [];
  const top = topSeverity(active);
  return (
    <div ref={wrapper} className={`check-input${top ? ` check-input--${top}` : ''} ${className}`}>
      {children}
      {context && <CheckBadge findings={active} context={label} className="check-input__badge" />}
    </div>
  );
}
