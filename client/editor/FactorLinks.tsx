/** The contributing factors (or defenses) an action item addresses, as toggleable chips. */
import * as Y from 'yjs';
import { useDoc, useEditable } from './DocContext.tsx';
import { useYMapValue, useYVersion } from './hooks.ts';

export interface FactorOption {
  id: string;
  /** "F1", "F2"… in list order. */
  label: string;
  /** First words of the factor, to recognise it. */
  words: string;
}

interface Props {
  row: Y.Map<unknown>;
  actionNumber: number;
  factors: FactorOption[];
  /** The row's list of linked ids: `factorIds`, or `defenseIds` for defenses. */
  field?: 'factorIds' | 'defenseIds';
}

const WORDING = {
  factorIds: { legend: 'Addresses factors', noun: 'factor', none: 'Add contributing factors to link them here.' },
  defenseIds: { legend: 'Repairs defenses', noun: 'defense', none: 'Add defenses under the control gap to link them here.' },
} as const;

/** Checkbox chips linking an action row to factors (`factorIds`) or defenses (`defenseIds`). */
export function FactorLinks({ row, actionNumber, factors, field = 'factorIds' }: Props) {
  const wording = WORDING[field];
  const { session } = useDoc();
  const editable = useEditable();
  const raw = useYMapValue(row, field);
  const ids = raw instanceof Y.Array ? (raw as Y.Array<unknown>) : null;
  useYVersion(ids);
  const linked = new Set((ids?.toArray() ?? []).filter((v): v is string => typeof v === 'string'));

  const toggle = (factorId: string, on: boolean) => {
    session.step(() => {
      let list = row.get(field);
      if (!(list instanceof Y.Array)) {
        list = new Y.Array<string>();
        row.set(field, list);
      }
      const array = list as Y.Array<unknown>;
      const at = array.toArray().indexOf(factorId);
      if (on && at < 0) array.push([factorId]);
      if (!on && at >= 0) array.delete(at, 1);
    });
  };

  return (
    <fieldset className="factor-links">
      <legend className="field__label field__label--small">{wording.legend}</legend>
      {factors.length === 0 ? (
        <span className="muted factor-links__none">{wording.none}</span>
      ) : (
        factors.map((f) => (
          <label key={f.id} className="factor-chip" title={f.words || undefined}>
            <input
              type="checkbox"
              checked={linked.has(f.id)}
              disabled={!editable}
              aria-label={`Action ${actionNumber} addresses ${wording.noun} ${f.label.slice(1)}${f.words ? `: ${f.words}` : ''}`}
              onChange={(e) => toggle(f.id, e.target.checked)}
            />
            <span className="factor-chip__label">{f.label}</span>
            {f.words && <span className="factor-chip__words">{f.words}</span>}
          </label>
        ))
      )}
    </fieldset>
  );
}
