/** The defenses under the control gap: the slices of the Swiss cheese picture. */
import { useState } from 'react';
import type * as Y from 'yjs';
import { addDefense, DEFENSE_FAILURES, DEFENSE_STATES, LABELS, removeRow } from '../../shared/schema/index.ts';
import { CheckedField } from '../checks/CheckedField.tsx';
import { useDoc, useEditable } from './DocContext.tsx';
import { YSelect, YTextInput } from './fields.tsx';
import { useYRowsVersion, useYString } from './hooks.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { rowId } from './rows.ts';

function DefenseRow({ row, index, autoFocus }: { row: Y.Map<unknown>; index: number; autoFocus: boolean }) {
  const { roots, session } = useDoc();
  const editable = useEditable();
  const id = rowId(row, index);
  const n = index + 1;
  const state = useYString(row, 'state');
  return (
    <li className="defense" data-testid="defense-row" data-state={state}>
      <CheckedField field={{ kind: 'defense', id }} map={row} mapKey="name" label={`Defense ${n} name`}>
        <YTextInput
          map={row}
          field="name"
          className="input defense__name"
          aria-label={`Defense ${n} name`}
          placeholder="e.g. Canary deploy, rate limit, paging alert"
          data-testid="defense-name"
          autoFocus={autoFocus}
        />
      </CheckedField>
      <YSelect
        map={row}
        field="state"
        options={DEFENSE_STATES}
        label={(v) => LABELS[v] ?? v}
        fallback="failed"
        aria-label={`Defense ${n} state`}
        data-testid="defense-state"
      />
      <YSelect
        map={row}
        field="failure"
        options={DEFENSE_FAILURES}
        label={(v) => LABELS[v] ?? v}
        fallback="latent"
        aria-label={`Defense ${n}: active failure or latent condition`}
        data-testid="defense-failure"
      />
      {editable && (
        <button
          type="button"
          className="button button--quiet"
          aria-label={`Delete defense ${n}`}
          onClick={() => session.step(() => removeRow(roots.defenses, id, LOCAL_ORIGIN))}
        >
          Delete
        </button>
      )}
    </li>
  );
}

/** The defenses list with its add button. */
export function Defenses() {
  const { roots, session } = useDoc();
  const editable = useEditable();
  useYRowsVersion(roots.defenses);
  const rows = roots.defenses.toArray();
  const [addedId, setAddedId] = useState<string | null>(null);
  return (
    <div className="defenses">
      {rows.length === 0 ? (
        <p className="empty">No defenses listed. Which guardrails stood between the trigger and the impact?</p>
      ) : (
        <ul className="defenses__list">
          {rows.map((row, index) => (
            <DefenseRow key={rowId(row, index)} row={row} index={index} autoFocus={rowId(row, index) === addedId} />
          ))}
        </ul>
      )}
      {editable && (
        <button
          type="button"
          className="button button--add"
          data-testid="add-defense"
          onClick={() => setAddedId(session.step(() => addDefense(session.doc, {}, LOCAL_ORIGIN)))}
        >
          + Add defense
        </button>
      )}
    </div>
  );
}
