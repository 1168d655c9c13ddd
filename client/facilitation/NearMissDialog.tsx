/**
 * "Share a near-miss anonymously". The note leaves this browser as ONE HTTP call carrying only
 * its text: nothing is written to the shared document or to presence, so no Yjs client id, name
 * or caret can be tied to it. The dialog says exactly what is and is not recorded.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { nearMissRequest } from '../../shared/api/types.ts';
import { ApiError } from '../api/client.ts';
import { submitNearMiss } from '../api/facilitation.ts';
import { useDoc } from '../editor/DocContext.tsx';

type Phase = { step: 'writing' } | { step: 'sending' } | { step: 'sent' } | { step: 'failed'; message: string };

function sentence(message: string): string {
  const text = message.replace(/^text:\s*/, '').trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The note could not be sent. Try again.';
  if (error.status === 429) {
    return 'Many notes reached this postmortem just now, so this one was not accepted. Wait a few minutes and send it again; your text is still here.';
  }
  if (error.status === 400) return `The note was not accepted: ${sentence(error.message)}`;
  if (error.status === 401 || error.status === 403) return 'This link cannot send near-miss notes.';
  return sentence(error.message);
}

/** The modal form; stays mounted while closed so an unsent draft survives closing it. */
export function NearMissDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { session, token } = useDoc();
  const dialog = useRef<HTMLDialogElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'writing' });
  const ids = { title: useId(), text: useId(), record: useId(), error: useId() };

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      area.current?.focus();
    } else if (!open && el.open) el.close();
  }, [open]);

  // Closed here first: focus can only go back to the opener once the page is no longer inert.
  const close = () => {
    dialog.current?.close();
    onClose();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = nearMissRequest.safeParse({ text });
    if (!input.success) {
      setPhase({ step: 'failed', message: sentence(input.error.issues[0]?.message ?? 'write a few words') });
      area.current?.focus();
      return;
    }
    setPhase({ step: 'sending' });
    try {
      await submitNearMiss(session.id, token, input.data.text);
      setText('');
      setPhase({ step: 'sent' });
    } catch (error) {
      setPhase({ step: 'failed', message: explain(error) });
      area.current?.focus();
    }
  };

  const failed = phase.step === 'failed';
  return (
    <dialog
      ref={dialog}
      className="dialog dialog--medium near-miss-dialog"
      aria-labelledby={ids.title}
      data-testid="near-miss-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={ids.title} className="dialog__title">
          Share a near-miss anonymously
        </h2>
        <p className="muted">
          Something that almost went wrong, now or before (“this nearly broke last month too…”). Near-misses show the weak
          defenses before they fail.
        </p>
        <div className="field">
          <label htmlFor={ids.text}>Your note</label>
          <textarea
            id={ids.text}
            ref={area}
            className="input near-miss-dialog__text"
            data-testid="near-miss-text"
            rows={5}
            maxLength={4000}
            value={text}
            aria-invalid={failed}
            aria-describedby={`${ids.record}${failed ? ` ${ids.error}` : ''}`}
            onChange={(e) => {
              setText(e.target.value);
              if (phase.step !== 'writing' && phase.step !== 'sending') setPhase({ step: 'writing' });
            }}
          />
        </div>
        <div id={ids.record} className="record-statement">
          <p>
            <strong>Recorded:</strong> the text of your note and the hour it was sent.
          </p>
          <p>
            <strong>Not recorded:</strong> your name, your link, your browser, your address, the exact time.
          </p>
          <p>
            The facilitator sees pending notes in random order and decides whether to add them to the postmortem. Your note is
            added by the server, never by your browser, so nothing in the shared document links it to you.
          </p>
          <p className="record-statement__hint">Your words can still point to you: leave out names and details only you would know.</p>
        </div>
        {failed && (
          <p id={ids.error} className="form-error" role="alert" data-testid="near-miss-error">
            {phase.message}
          </p>
        )}
        <p className="near-miss-dialog__sent" role="status" data-testid={phase.step === 'sent' ? 'near-miss-sent' : undefined}>
          {phase.step === 'sent' ? 'Sent anonymously. It waits for the facilitator, who decides whether to add it.' : ''}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button type="submit" className="button button--primary" data-testid="near-miss-submit" disabled={phase.step === 'sending'}>
            {phase.step === 'sending' ? 'Sending…' : 'Send anonymously'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
