/** Asks once for the name others will see next to this person's caret and in the presence list. */
import { useEffect, useRef, useState, type FormEvent } from 'react';

/** A modal dialog with a labelled name input and a Join button. */
export function NameDialog({ onJoin }: { onJoin: (name: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(true);
      return;
    }
    onJoin(name.trim().slice(0, 60));
  };

  return (
    <main className="full-page">
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="name-dialog-title"
        aria-describedby="name-dialog-desc"
        onCancel={(e) => e.preventDefault()}
      >
        <form onSubmit={submit} noValidate>
          <h1 id="name-dialog-title" className="dialog__title">
            Join the postmortem
          </h1>
          <p id="name-dialog-desc" className="muted">
            Your name is shown to the others next to your cursor. It is remembered in this browser.
          </p>
          <div className="field">
            <label htmlFor="name-input">Your name</label>
            <input
              id="name-input"
              data-testid="name-input"
              className="input"
              autoFocus
              autoComplete="name"
              maxLength={60}
              value={name}
              aria-invalid={error}
              aria-describedby={error ? 'name-error' : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setError(false);
              }}
            />
          </div>
          {error && (
            <p id="name-error" className="form-error" role="alert">
              Enter a name so the others know who is typing.
            </p>
          )}
          <div className="dialog__actions">
            <button type="submit" className="button button--primary" data-testid="name-join">
              Join
            </button>
          </div>
        </form>
      </dialog>
    </main>
  );
}
