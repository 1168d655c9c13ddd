/**
 * Date and date-time inputs bound to a Y.Map field. Stored values are ISO strings; what the
 * input shows may be converted (e.g. to the viewer's zone). Partly typed values are never
 * written, and a remote change does not overwrite what the person is typing.
 */
import { useLayoutEffect, useRef, type InputHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import { useDoc, useEditable } from './DocContext.tsx';
import { handleUndoKeys } from './fields.tsx';
import { useYString } from './hooks.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'type'> & {
  map: Y.Map<unknown>;
  field: string;
  type: 'date' | 'datetime-local';
  /** Stored value → input value. */
  toInput?: (stored: string) => string;
  /** Input value → stored value; null when it cannot be stored. */
  fromInput?: (input: string) => string | null;
  /** 'blur' writes only when the person leaves the field (for fields that re-sort a list). */
  commit?: 'change' | 'blur';
};

const same = (v: string) => v;

/** A date or datetime-local input bound to `map[field]`. */
export function YDateInput({ map, field, type, toInput = same, fromInput = same, commit = 'change', ...rest }: Props) {
  const { session } = useDoc();
  const editable = useEditable();
  const stored = useYString(map, field);
  const shown = toInput(stored);
  const ref = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    const input = ref.current;
    if (!input || input.value === shown) return;
    if (input.ownerDocument.activeElement === input && commit === 'blur') return;
    input.value = shown;
  }, [shown, commit]);

  const write = (input: HTMLInputElement) => {
    // Disabling a focused input (a lock arriving) blurs it: that must not write.
    if (!editable || input.disabled) return;
    // An incomplete date reads as '' with badInput set: not a clear, just unfinished.
    if (input.value === '' && input.validity.badInput) return;
    const next = input.value === '' ? '' : fromInput(input.value);
    if (next === null || next === stored) return;
    session.step(() => map.set(field, next));
  };

  return (
    <input
      {...rest}
      ref={ref}
      type={type}
      className={rest.className ?? 'input'}
      defaultValue={shown}
      disabled={!editable}
      onChange={(e) => {
        if (commit === 'change') write(e.currentTarget);
      }}
      onBlur={(e) => {
        if (commit === 'blur') write(e.currentTarget);
        else if (e.currentTarget.value !== toInput(stored) && !e.currentTarget.validity.badInput) {
          e.currentTarget.value = toInput(stored);
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && commit === 'blur') write(e.currentTarget);
        handleUndoKeys(e, session);
      }}
    />
  );
}
