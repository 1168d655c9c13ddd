/** Action items: each row changes a control, default, automation or interface. */
import { useMemo, useState } from 'react';
import { addAction, fragmentText } from '../../shared/schema/index.ts';
import { ActionRow } from './ActionRow.tsx';
import { useDoc, useEditable } from './DocContext.tsx';
import type { FactorOption } from './FactorLinks.tsx';
import { useYDeepVersion, useYRowsVersion } from './hooks.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { rowFragment, rowId } from './rows.ts';

function firstWords(text: string, count = 4): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  return words.slice(0, count).join(' ') + (words.length > count ? '…' : '');
}

/** The factors as link targets, recomputed only when their numbering or first words change. */
function useFactorOptions(): FactorOption[] {
  const { roots } = useDoc();
  useYDeepVersion(roots.factors);
  const options = roots.factors.toArray().map((row, index) => ({
    id: rowId(row, index),
    label: `F${index + 1}`,
    words: firstWords(fragmentText(rowFragment(row, 'body'))),
  }));
  const key = JSON.stringify(options);
  // Parsed back from the key so rows re-render only when the options really change.
  return useMemo(() => JSON.parse(key) as FactorOption[], [key]);
}

/** The defenses as link targets ("D1"…, by name). */
function useDefenseOptions(): FactorOption[] {
  const { roots } = useDoc();
  useYDeepVersion(roots.defenses);
  const options = roots.defenses.toArray().map((row, index) => ({
    id: rowId(row, index),
    label: `D${index + 1}`,
    words: firstWords(typeof row.get('name') === 'string' ? (row.get('name') as string) : ''),
  }));
  const key = JSON.stringify(options);
  return useMemo(() => JSON.parse(key) as FactorOption[], [key]);
}

/** The action item list with its add button. */
export function ActionItems() {
  const { roots, session } = useDoc();
  const editable = useEditable();
  useYRowsVersion(roots.actions);
  const rows = roots.actions.toArray();
  const factors = useFactorOptions();
  const defenses = useDefenseOptions();
  const [addedId, setAddedId] = useState<string | null>(null);
  return (
    <div className="actions">
      {rows.length === 0 ? (
        <p className="empty">No action items yet. Each one needs a kind, an owner and a due date.</p>
      ) : (
        <ol className="actions__list">
          {rows.map((row, index) => (
            <ActionRow
              key={rowId(row, index)}
              row={row}
              index={index}
              factors={factors}
              defenses={defenses}
              autoFocus={rowId(row, index) === addedId}
            />
          ))}
        </ol>
      )}
      {editable && (
        <button
          type="button"
          className="button button--add"
          data-testid="add-action"
          onClick={() => setAddedId(session.step(() => addAction(session.doc, {}, LOCAL_ORIGIN)))}
        >
          + Add action item
        </button>
      )}
    </div>
  );
}
