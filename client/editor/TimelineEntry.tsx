/** One timeline entry: its time, what happened, and what was known at that moment. */
import { memo } from 'react';
import type * as Y from 'yjs';
import { localInputToUtcIso, removeRow, utcIsoToLocalInput } from '../../shared/schema/index.ts';
import { YDateInput } from './DateInput.tsx';
import { useDoc, useEditable } from './DocContext.tsx';
import { useYString, useYVersion } from './hooks.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { RichTextField } from './RichTextField.tsx';
import { rowFragment, rowId } from './rows.ts';

interface Props {
  row: Y.Map<unknown>;
  /** Position in displayed (time) order, 0-based. */
  index: number;
  autoFocus: boolean;
}

/** A timeline row (re-rendered only when its own props change, not for every change of the list). */
export const TimelineEntry = memo(function TimelineEntry({ row, index, autoFocus }: Props) {
  const { roots, session, zone } = useDoc();
  const editable = useEditable();
  const at = useYString(row, 'at');
  // Memoised: any field of this row set (even its texts, in principle) re-renders it.
  useYVersion(row);
  const id = rowId(row, index);
  const body = rowFragment(row, 'body');
  const known = rowFragment(row, 'known');
  const n = index + 1;

  return (
    <li className="entry" data-testid="timeline-entry">
      <div className="entry__head">
        <span className="entry__number" aria-hidden="true">
          {n}
        </span>
        <label htmlFor={`entry-${id}-at`} className="visually-hidden">
          Time of entry {n}
        </label>
        <YDateInput
          id={`entry-${id}-at`}
          data-testid="timeline-at"
          type="datetime-local"
          className="input entry__time"
          map={row}
          field="at"
          commit="blur"
          autoFocus={autoFocus}
          aria-describedby="timeline-zone"
          toInput={(iso) => utcIsoToLocalInput(iso, zone)}
          fromInput={(local) => localInputToUtcIso(local, zone)}
        />
        {!at && <span className="entry__missing">No time yet</span>}
        {editable && (
          <button
            type="button"
            className="button button--quiet entry__delete"
            aria-label={`Delete timeline entry ${n}`}
            onClick={() => session.step(() => removeRow(roots.timeline, id, LOCAL_ORIGIN))}
          >
            Delete
          </button>
        )}
      </div>
      <div className="entry__texts">
        <div className="entry__text">
          <span className="field__label field__label--small" aria-hidden="true">
            What happened
          </span>
          {body && (
            <RichTextField
              fragment={body}
              checkField={{ kind: 'timeline', id, field: 'body' }}
              label={`What happened, entry ${n}`}
              placeholder="What happened, by role: “the on-call engineer restarted…”"
              testId={`timeline-body-${index}`}
              lazy
            />
          )}
        </div>
        <div className="entry__text">
          <span className="field__label field__label--small" aria-hidden="true">
            What was known at that moment
          </span>
          {known && (
            <RichTextField
              fragment={known}
              checkField={{ kind: 'timeline', id, field: 'known' }}
              label={`What was known at that moment, entry ${n}`}
              placeholder="What the responders could see and believe then, without hindsight."
              testId={`timeline-known-${index}`}
              lazy
            />
          )}
        </div>
      </div>
    </li>
  );
});
