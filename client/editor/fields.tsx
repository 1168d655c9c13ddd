/**
 * Inputs bound to a field of a Y.Map. Text writes on every keystroke so others see it live;
 * the input is uncontrolled so a remote change never moves this person's caret.
 */
import { useLayoutEffect, useRef, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { applyRemoteValue } from './caret.ts';
import { useDoc, useEditable } from './DocContext.tsx';
import { useYString } from './hooks.ts';
import type { Session } from './session.ts';

/** Ctrl/Cmd+Z and redo in a structured field use the structured undo, not the input's own. */
export function handleUndoKeys(event: KeyboardEvent<HTMLElement>, session: Session): void {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) {
    event.preventDefault();
    session.undo.undo();
  } else if ((key === 'z' && event.shiftKey) || key === 'y') {
    event.preventDefault();
    session.undo.redo();
  }
}

type TextProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'type'> & {
  map: Y.Map<unknown>;
  field: string;
};

/** A text input bound to `map[field]`. */
export function YTextInput({ map, field, className, ...rest }: TextProps) {
  const { session } = useDoc();
  const editable = useEditable();
  const value = useYString(map, field);
  const ref = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    if (ref.current) applyRemoteValue(ref.current, value);
  }, [value]);

  return (
    <input
      {...rest}
      ref={ref}
      type="text"
      className={className ?? 'input'}
      defaultValue={value}
      disabled={!editable}
      onChange={(e) => {
        const next = e.currentTarget.value;
        session.transact(() => map.set(field, next));
      }}
      onKeyDown={(e) => handleUndoKeys(e, session)}
    />
  );
}

interface SelectProps<T extends string> {
  map: Y.Map<unknown>;
  field: string;
  options: readonly T[];
  label: (value: T) => string;
  /** Value shown when the field is unset. */
  fallback: T;
  id?: string;
  className?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  /** Custom write (e.g. setActionStatus); defaults to map.set. */
  onSelect?: (value: T) => void;
  children?: ReactNode;
}

/** A select bound to `map[field]`, limited to `options`. */
export function YSelect<T extends string>({ map, field, options, label, fallback, onSelect, children, ...rest }: SelectProps<T>) {
  const { session } = useDoc();
  const editable = useEditable();
  const raw = useYString(map, field);
  const value = options.find((o) => o === raw) ?? fallback;
  return (
    <select
      {...rest}
      className={rest.className ?? 'select'}
      value={value}
      disabled={!editable}
      onChange={(e) => {
        const next = options.find((o) => o === e.target.value);
        if (next === undefined) return;
        session.step(() => (onSelect ? onSelect(next) : map.set(field, next)));
      }}
      onKeyDown={(e) => handleUndoKeys(e, session)}
    >
      {children}
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}
