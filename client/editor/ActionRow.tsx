/** One action item: what changes, its kind, owner, due date, status and linked factors. */
import { memo } from 'react';
import type * as Y from 'yjs';
import { ACTION_KINDS, ACTION_LAYERS, ACTION_STATUSES, LABELS, removeRow, setActionStatus } from '../../shared/schema/index.ts';
import { CheckedField } from '../checks/CheckedField.tsx';
import { YDateInput } from './DateInput.tsx';
import { useDoc, useEditable } from './DocContext.tsx';
import { FactorLinks, type FactorOption } from './FactorLinks.tsx';
import { YSelect, YTextInput } from './fields.tsx';
import { useYString } from './hooks.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { rowId } from './rows.ts';

const KIND_OPTIONS = ['', ...ACTION_KINDS] as const;
const LAYER_OPTIONS = ['', ...ACTION_LAYERS] as const;
const LAYER_LABELS: Record<string, string> = {
  '': 'Work it out',
  trigger: 'Trigger',
  factors: 'Contributing factors',
  control: 'Control failure',
  systemGap: 'System gap',
};
const kindLabel = (kind: string) => (kind === '' ? '— kind —' : kind.charAt(0).toUpperCase() + kind.slice(1));

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Props {
  row: Y.Map<unknown>;
  index: number;
  factors: FactorOption[];
  defenses: FactorOption[];
  autoFocus: boolean;
}

/** An action item row. */
export const ActionRow = memo(function ActionRow({ row, index, factors, defenses, autoFocus }: Props) {
  const { roots, session } = useDoc();
  const editable = useEditable();
  const id = rowId(row, index);
  const n = index + 1;
  const status = useYString(row, 'status');
  const due = useYString(row, 'due');
  const overdue = due !== '' && due < today() && (status === 'open' || status === 'in-progress');
  const field = (name: string) => `action-${id}-${name}`;

  return (
    <li className="action" data-testid="action-row" data-status={status || 'open'}>
      <div className="action__main">
        <span className="action__number" aria-hidden="true">
          A{n}
        </span>
        <CheckedField
          field={{ kind: 'action', id, field: 'action' }}
          map={row}
          mapKey="action"
          label={`Action item ${n}`}
          className="action__text-wrap"
        >
          <YTextInput
            map={row}
            field="action"
            className="input action__text"
            aria-label={`Action item ${n}`}
            placeholder="What changes in a control, default, automation or interface?"
            data-testid="action-text"
            autoFocus={autoFocus}
          />
        </CheckedField>
        {editable && (
          <button
            type="button"
            className="button button--quiet"
            aria-label={`Delete action item ${n}`}
            onClick={() => session.step(() => removeRow(roots.actions, id, LOCAL_ORIGIN))}
          >
            Delete
          </button>
        )}
      </div>
      <div className="action__meta">
        <div className="field">
          <label htmlFor={field('kind')} className="field__label field__label--small">
            Kind
          </label>
          <YSelect
            id={field('kind')}
            map={row}
            field="kind"
            options={KIND_OPTIONS}
            label={kindLabel}
            fallback=""
            data-testid="action-kind"
          />
        </div>
        <div className="field">
          <label htmlFor={field('owner')} className="field__label field__label--small">
            Owner
          </label>
          <CheckedField field={{ kind: 'action', id, field: 'owner' }} map={row} mapKey="owner" label={`Owner of action item ${n}`}>
            <YTextInput id={field('owner')} map={row} field="owner" placeholder="Team or person" data-testid="action-owner" />
          </CheckedField>
        </div>
        <div className="field">
          <label htmlFor={field('due')} className="field__label field__label--small">
            Due {overdue && <span className="badge badge--overdue">Overdue</span>}
          </label>
          <YDateInput id={field('due')} type="date" map={row} field="due" data-testid="action-due" />
        </div>
        <div className="field">
          <label htmlFor={field('layer')} className="field__label field__label--small">
            Fixes layer
          </label>
          <YSelect
            id={field('layer')}
            map={row}
            field="layer"
            options={LAYER_OPTIONS}
            label={(l) => LAYER_LABELS[l] ?? l}
            fallback=""
            data-testid="action-layer"
          />
        </div>
        <div className="field">
          <label htmlFor={field('status')} className="field__label field__label--small">
            Status
          </label>
          <YSelect
            id={field('status')}
            map={row}
            field="status"
            options={ACTION_STATUSES}
            label={(s) => LABELS[s] ?? s}
            fallback="open"
            onSelect={(s) => setActionStatus(row, s)}
            data-testid="action-status"
          />
        </div>
      </div>
      <FactorLinks row={row} actionNumber={n} factors={factors} />
      <FactorLinks row={row} actionNumber={n} factors={defenses} field="defenseIds" />
    </li>
  );
});
