/** Contributing factors: several conditions, each with a category and a rich-text body. */
import { memo, useState } from 'react';
import type * as Y from 'yjs';
import { addFactor, FACTOR_CATEGORIES, removeRow } from '../../shared/schema/index.ts';
import { useDoc, useEditable } from './DocContext.tsx';
import { YSelect } from './fields.tsx';
import { useYRowsVersion, useYVersion } from './hooks.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { RichTextField } from './RichTextField.tsx';
import { rowFragment, rowId } from './rows.ts';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const FactorRow = memo(function FactorRow({ row, index, autoFocus }: { row: Y.Map<unknown>; index: number; autoFocus: boolean }) {
  const { roots, session } = useDoc();
  const editable = useEditable();
  // Memoised: any field of this row set (even its text, in principle) re-renders it.
  useYVersion(row);
  const id = rowId(row, index);
  const body = rowFragment(row, 'body');
  const n = index + 1;
  return (
    <li className="factor" data-testid="factor-row">
      <div className="factor__head">
        <span className="factor__number">F{n}</span>
        <YSelect
          map={row}
          field="category"
          options={FACTOR_CATEGORIES}
          label={capitalize}
          fallback="other"
          aria-label={`Factor ${n} category`}
          data-testid="factor-category"
        />
        {editable && (
          <button
            type="button"
            className="button button--quiet factor__delete"
            aria-label={`Delete factor ${n}`}
            onClick={() => session.step(() => removeRow(roots.factors, id, LOCAL_ORIGIN))}
          >
            Delete
          </button>
        )}
      </div>
      {body && (
        <RichTextField
          fragment={body}
          checkField={{ kind: 'factor', id }}
          label={`Contributing factor ${n}`}
          placeholder="A condition that made the incident possible or worse…"
          testId={`factor-body-${index}`}
          autoFocus={autoFocus}
          lazy
        />
      )}
    </li>
  );
});

/** The factors list with its add button. */
export function Factors() {
  const { roots, session } = useDoc();
  const editable = useEditable();
  useYRowsVersion(roots.factors);
  const rows = roots.factors.toArray();
  const [addedId, setAddedId] = useState<string | null>(null);
  return (
    <div className="factors">
      {rows.length === 0 ? (
        <p className="empty">No factors yet. Most incidents have several; list each condition separately.</p>
      ) : (
        <ol className="factors__list">
          {rows.map((row, index) => (
            <FactorRow key={rowId(row, index)} row={row} index={index} autoFocus={rowId(row, index) === addedId} />
          ))}
        </ol>
      )}
      {editable && (
        <button
          type="button"
          className="button button--add"
          data-testid="add-factor"
          onClick={() => setAddedId(session.step(() => addFactor(session.doc, {}, LOCAL_ORIGIN)))}
        >
          + Add factor
        </button>
      )}
    </div>
  );
}
