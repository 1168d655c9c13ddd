/**
 * Checks on a plain text input (action item, defense name, title): an outline in the most severe
 * finding's colour and a badge with the count that opens the findings' popover. From the input
 * itself, Alt+Enter (or Ctrl/Cmd+.) opens the same popover, as on a marked word in rich text.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { fieldKey, type TextField } from '../../shared/checks/types.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { CheckBadge } from './CheckBadge.tsx';
import { useChecksContext, useFieldChecks } from './ChecksContext.tsx';
import { pageBox } from './popover.ts';
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

const isQuickFixKey = (event: KeyboardEvent) =>
  (event.altKey && event.key === 'Enter') || ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === '.');

/** Adds or removes one id in an element's aria-describedby, keeping the others. */
function toggleDescribedBy(el: HTMLElement, id: string, on: boolean): void {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

/** Wraps one input (its only input child) with its findings. */
export function CheckedField({ field, map, mapKey, label, className = '', children }: Props) {
  const { session } = useDoc();
  const context = useChecksContext();
  const key = fieldKey(field);
  const checks = useFieldChecks(key);
  const wrapper = useRef<HTMLDivElement>(null);
  const hintId = useId();
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
  const n = active.length;

  // The input tells screen readers it has findings and how to open them.
  useEffect(() => {
    const input = wrapper.current?.querySelector('input');
    if (!input || !context) return;
    toggleDescribedBy(input, hintId, n > 0);
    return () => toggleDescribedBy(input, hintId, false);
  }, [context, hintId, n]);

  const openFromInput = (event: KeyboardEvent<HTMLDivElement>) => {
    const input = event.target;
    if (!context || n === 0 || !(input instanceof HTMLInputElement) || !isQuickFixKey(event)) return;
    event.preventDefault();
    context.popover.set({
      open: {
        ids: active.map((f) => f.id),
        anchor: pageBox(input.getBoundingClientRect()),
        focus: true,
        returnFocus: () => input.focus(),
        context: label,
      },
    });
  };

  return (
    <div ref={wrapper} className={`check-input${top ? ` check-input--${top}` : ''} ${className}`} onKeyDown={openFromInput}>
      {children}
      {context && <CheckBadge findings={active} context={label} className="check-input__badge" />}
      {context && n > 0 && (
        <span id={hintId} className="visually-hidden">
          {n === 1 ? '1 blameless check finding' : `${n} blameless check findings`}; Alt+Enter opens the details.
        </span>
      )}
    </div>
  );
}
