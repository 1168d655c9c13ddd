/**
 * The private Just Culture triage (facilitators only). Everything here goes to and comes from
 * the server's private store over HTTP; none of it enters the shared document, which every
 * connected browser can read.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { BLAME_AWARENESS_NOTE } from '../../shared/api/triage.ts';
import { ApiError } from '../api/client.ts';
import { listTriage, type TriageRecord } from '../api/facilitation.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { LockIcon } from '../editor/icons.tsx';
import { TriageForm } from './TriageForm.tsx';

const OUTCOME_BADGE = { blameless: 'Blameless', accountability: 'Accountability', undecided: 'Undecided' } as const;

function RecordList({ records, editing, onEdit }: { records: TriageRecord[]; editing: string; onEdit: (id: string) => void }) {
  if (records.length === 0) return <p className="muted triage-records__empty">No decisions reviewed yet.</p>;
  return (
    <ul className="triage-records">
      {records.map((r) => (
        <li key={r.id} className={`triage-record${r.id === editing ? ' triage-record--current' : ''}`} data-testid="triage-record">
          <span className={`badge triage-badge triage-badge--${r.outcome}`}>{OUTCOME_BADGE[r.outcome]}</span>
          <span className="triage-record__decision">{r.decision}</span>
          <button
            type="button"
            className="button button--small"
            aria-current={r.id === editing ? 'true' : undefined}
            aria-label={`Open the record: ${r.decision.slice(0, 80)}`}
            onClick={() => onEdit(r.id)}
          >
            Open
          </button>
        </li>
      ))}
    </ul>
  );
}

function TriageDialog({ onClose }: { onClose: () => void }) {
  const { session, token } = useDoc();
  const dialog = useRef<HTMLDialogElement>(null);
  const [records, setRecords] = useState<TriageRecord[]>([]);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [error, setError] = useState('');
  const [editing, setEditing] = useState('new');
  // A fresh form whenever another record (or a new one) is opened; saving keeps the same form.
  const [formKey, setFormKey] = useState(0);
  const open = (id: string) => {
    setEditing(id);
    setFormKey((k) => k + 1);
  };
  const titleId = useId();
  const noteId = useId();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    listTriage(session.id, token, controller.signal)
      .then((list) => {
        setRecords(list);
        setState('ready');
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught instanceof ApiError ? caught.message : 'The triage records could not be loaded.');
        setState('failed');
      });
    return () => controller.abort();
  }, [session.id, token]);

  // Closed here first: focus can only go back to the opener once the page is no longer inert.
  const close = () => {
    dialog.current?.close();
    onClose();
  };
  const current = records.find((r) => r.id === editing);
  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide triage-dialog"
      aria-labelledby={titleId}
      aria-describedby={noteId}
      data-testid="triage-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <div className="triage-dialog__head">
        <h2 id={titleId} className="dialog__title">
          Just Culture triage
        </h2>
        <span className="badge badge--private" data-testid="triage-private">
          <LockIcon />
          Private to facilitators · never exported
        </span>
        <button type="button" className="dialog__close" aria-label="Close the triage" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p id={noteId} className="triage-awareness">
        {BLAME_AWARENESS_NOTE}
      </p>
      <section className="triage-dialog__records" aria-labelledby={`${titleId}-records`}>
        <div className="triage-dialog__records-head">
          <h3 id={`${titleId}-records`} className="triage-form__title">
            Decisions reviewed
          </h3>
          {editing !== 'new' && (
            <button type="button" className="button button--small" data-testid="triage-new" onClick={() => open('new')}>
              + New decision
            </button>
          )}
        </div>
        {state === 'loading' && <p className="muted">Loading…</p>}
        {state === 'failed' && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {state === 'ready' && <RecordList records={records} editing={editing} onEdit={open} />}
      </section>
      <TriageForm
        key={formKey}
        record={current}
        onSaved={(saved) => {
          setRecords((list) => (list.some((r) => r.id === saved.id) ? list.map((r) => (r.id === saved.id ? saved : r)) : [...list, saved]));
          setEditing(saved.id);
        }}
        onDeleted={(id) => {
          setRecords((list) => list.filter((r) => r.id !== id));
          open('new');
        }}
      />
    </dialog>
  );
}

/** The top-bar button that opens the triage; rendered for facilitators only. */
export function TriageButton() {
  const { role } = useDoc();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (role !== 'facilitator') return null;
  return (
    <>
      <button ref={button} type="button" className="button" data-testid="triage-open" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <LockIcon />
        Just Culture triage
      </button>
      {open && (
        <TriageDialog
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}
