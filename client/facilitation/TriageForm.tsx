/**
 * One decision under review: what was decided, the triage questions in order (each shown only
 * after the one before was answered "no"), private notes, and the outcome computed live.
 */
import { useId, useState, type FormEvent } from 'react';
import { triageOutcome, TRIAGE_OUTCOME_TEXT, TRIAGE_REMINDER, type TriageAnswer } from '../../shared/api/triage.ts';
import { triageRequest } from '../../shared/api/types.ts';
import { ApiError } from '../api/client.ts';
import { deleteTriage, saveTriage, type TriageRecord } from '../api/facilitation.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { QUESTION_ORDER, TriageQuestion, type QuestionKey } from './TriageQuestion.tsx';

type Answers = Record<QuestionKey, TriageAnswer | null>;

/** The answers that count: a question hidden because an earlier one was not "no" counts as unanswered. */
export function shownAnswers(answers: Answers): { shown: QuestionKey[]; answers: Answers } {
  const shown: QuestionKey[] = [];
  const counted: Answers = { malice: null, knowingViolation: null, substitution: null };
  for (const key of QUESTION_ORDER) {
    shown.push(key);
    counted[key] = answers[key];
    if (answers[key] !== 'no') break;
  }
  return { shown, answers: counted };
}

const OUTCOME_NAME = { blameless: 'Blameless', accountability: 'Accountability', undecided: 'Undecided' } as const;

interface Props {
  /** The record being edited; a new one when absent. */
  record?: TriageRecord;
  onSaved: (record: TriageRecord) => void;
  onDeleted: (recordId: string) => void;
}

/** The triage form of one decision. */
export function TriageForm({ record, onSaved, onDeleted }: Props) {
  const { session, token } = useDoc();
  const formId = useId();
  const [decision, setDecision] = useState(record?.decision ?? '');
  const [notes, setNotes] = useState(record?.notes ?? '');
  const [answers, setAnswers] = useState<Answers>({
    malice: record?.malice ?? null,
    knowingViolation: record?.knowingViolation ?? null,
    substitution: record?.substitution ?? null,
  });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { shown, answers: counted } = shownAnswers(answers);
  const outcome = triageOutcome(counted);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = triageRequest.safeParse({ decision, ...counted, notes });
    if (!input.success) {
      setMessage({ kind: 'error', text: 'Describe the decision under review (a few words).' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await saveTriage(session.id, token, input.data, record?.id);
      setMessage({ kind: 'saved', text: 'Saved. Only facilitators can see this record.' });
      onSaved(saved);
    } catch (caught) {
      setMessage({ kind: 'error', text: caught instanceof ApiError ? caught.message : 'The record could not be saved.' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!record) return;
    setBusy(true);
    try {
      await deleteTriage(session.id, token, record.id);
      onDeleted(record.id);
    } catch (caught) {
      setMessage({ kind: 'error', text: caught instanceof ApiError ? caught.message : 'The record could not be deleted.' });
      setBusy(false);
    }
  };

  return (
    <form className="triage-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`} className="triage-form__title">
        {record ? 'Edit decision under review' : 'New decision under review'}
      </h3>
      <div className="field">
        <label htmlFor={`${formId}-decision`}>Decision under review</label>
        <textarea
          id={`${formId}-decision`}
          className="input"
          rows={2}
          maxLength={2000}
          data-testid="triage-decision"
          placeholder="e.g. The on-call engineer restarted the primary database during peak traffic."
          value={decision}
          onChange={(e) => setDecision(e.target.value)}
        />
      </div>
      {shown.map((key, index) => (
        <TriageQuestion
          key={key}
          question={key}
          number={index + 1}
          formId={formId}
          value={answers[key]}
          onChange={(answer) => setAnswers((a) => ({ ...a, [key]: answer }))}
        />
      ))}
      <div className="field">
        <label htmlFor={`${formId}-notes`}>Notes</label>
        <textarea
          id={`${formId}-notes`}
          className="input"
          rows={3}
          maxLength={8000}
          data-testid="triage-notes"
          placeholder="What the person could see and know at that moment; the pressures they were under."
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      <div className={`triage-outcome triage-outcome--${outcome}`} data-testid="triage-outcome" data-outcome={outcome} role="status">
        <p className="triage-outcome__label">Outcome: {OUTCOME_NAME[outcome]}</p>
        <p>{TRIAGE_OUTCOME_TEXT[outcome]}</p>
      </div>
      <p className="triage-reminder">{TRIAGE_REMINDER}</p>
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'triage-form__saved'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="triage-form__actions">
        {record &&
          (confirmDelete ? (
            <span className="triage-form__confirm" role="group" aria-label="Confirm deletion">
              <span>Delete this record for good?</span>
              <button type="button" className="button button--small button--danger" data-testid="triage-delete-confirm" disabled={busy} onClick={() => void remove()}>
                Delete
              </button>
              <button type="button" className="button button--small" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="button button--quiet" data-testid="triage-delete" onClick={() => setConfirmDelete(true)}>
              Delete record
            </button>
          ))}
        <button type="submit" className="button button--primary" data-testid="triage-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
