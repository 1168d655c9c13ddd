/**
 * The facilitator's Publish button and its dialog: confirm; when errors block publishing the
 * server answers 409 with them, and the facilitator either goes back to fix them or records an
 * override reason and publishes anyway. Published means read-only for everyone.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Finding } from '../../shared/checks/types.ts';
import { SECTIONS } from '../../shared/schema/sections.ts';
import { ApiError } from '../api/client.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { useYString } from '../editor/hooks.ts';
import { useChecks, useChecksView } from './ChecksContext.tsx';
import { ruleName } from './FindingCard.tsx';

type Phase = { step: 'confirm' } | { step: 'blocked'; findings: readonly Finding[] };

function sectionTitle(section: string): string {
  return section === 'header' ? 'Title' : (SECTIONS.find((s) => s.id === section)?.title ?? section);
}

function PublishDialog({ onClose }: { onClose: () => void }) {
  const { checks } = useChecks();
  const view = useChecksView();
  const dialog = useRef<HTMLDialogElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const titleId = useId();
  const reasonId = useId();
  const reasonArea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  useEffect(() => {
    if (phase.step === 'blocked') reasonArea.current?.focus();
  }, [phase.step]);

  const publish = async (overrideReason?: string) => {
    setBusy(true);
    setError('');
    try {
      await checks.publish(overrideReason);
      onClose();
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.status === 409 && caught.findings.length > 0) {
        setPhase({ step: 'blocked', findings: caught.findings });
      } else {
        setError(caught instanceof ApiError ? caught.message : 'The postmortem could not be published.');
      }
    }
  };

  const localErrors = view.blocking.length;
  return (
    <dialog
      ref={dialog}
      className="dialog publish-dialog"
      aria-labelledby={titleId}
      data-testid="publish-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {phase.step === 'confirm' ? (
        <>
          <h2 id={titleId} className="dialog__title">
            Publish this postmortem?
          </h2>
          <p className="muted">Once published it is read-only for everyone, facilitators included.</p>
          {localErrors > 0 && (
            <p className="publish-dialog__warning">
              The checks found {localErrors === 1 ? '1 error' : `${localErrors} errors`} that block publishing unless you record
              an override reason.
            </p>
          )}
        </>
      ) : (
        <>
          <h2 id={titleId} className="dialog__title">
            Errors block publishing
          </h2>
          <p className="muted">Fix or dismiss them, or record why this postmortem is published anyway. The reason is kept with it.</p>
          <ul className="publish-dialog__findings">
            {phase.findings.map((f) => (
              <li key={f.id} className="publish-dialog__finding" data-testid="blocking-finding">
                <span className="publish-dialog__where">
                  {sectionTitle(f.section)} · {ruleName(f.rule)}
                </span>
                <span>{f.message}</span>
              </li>
            ))}
          </ul>
          <div className="field">
            <label htmlFor={reasonId}>Override reason</label>
            <textarea
              id={reasonId}
              ref={reasonArea}
              className="input"
              data-testid="override-reason"
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions publish-dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        {phase.step === 'confirm' ? (
          <button type="button" className="button button--primary" data-testid="publish-confirm" disabled={busy} onClick={() => void publish()}>
            {busy ? 'Publishing…' : 'Publish'}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            data-testid="publish-anyway"
            disabled={busy || reason.trim().length < 3}
            onClick={() => void publish(reason.trim())}
          >
            {busy ? 'Publishing…' : 'Publish anyway'}
          </button>
        )}
      </div>
    </dialog>
  );
}

/** Top-bar Publish for facilitators; gone once published. */
export function PublishButton() {
  const { role, roots } = useDoc();
  const status = useYString(roots.moderation, 'status');
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (role !== 'facilitator' || status === 'published') return null;
  return (
    <>
      <button ref={button} type="button" className="button button--primary" data-testid="publish-button" onClick={() => setOpen(true)}>
        Publish
      </button>
      {open && (
        <PublishDialog
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}
