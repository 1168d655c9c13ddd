/** "Start a postmortem": title and severity, then straight into the new document as facilitator. */
import { useState, type FormEvent } from 'react';
import { createPostmortemRequest } from '../../shared/api/index.ts';
// sections.ts, not index.ts: the schema index pulls yjs into the home page.
import { SEVERITIES, type Severity } from '../../shared/schema/sections.ts';
import { ApiError, createPostmortem } from '../api/client.ts';
import { navigate } from './router.tsx';
import { saveLinks } from './saved.ts';

const SEVERITY_HINTS: Record<Severity, string> = {
  SEV1: 'SEV1 — critical',
  SEV2: 'SEV2 — major',
  SEV3: 'SEV3 — minor',
  SEV4: 'SEV4 — low',
};

/** The create form; shows API errors inline. */
export function CreateForm() {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV3');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = createPostmortemRequest.safeParse({ title, severity });
    if (!input.success) {
      setError(title.trim() === '' ? 'Give the postmortem a title.' : 'The title can be at most 200 characters.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createPostmortem(input.data);
      saveLinks(created, input.data.title, severity);
      navigate(`/p/${encodeURIComponent(created.id)}#t=${encodeURIComponent(created.tokens.facilitator)}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The postmortem could not be created.');
      setBusy(false);
    }
  };

  return (
    <form className="create-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="create-title">Title</label>
        <input
          id="create-title"
          data-testid="create-title"
          type="text"
          required
          maxLength={200}
          placeholder="e.g. Checkout API returned errors for EU customers"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={error !== null && title.trim() === ''}
          aria-describedby={error ? 'create-error' : undefined}
        />
      </div>
      <div className="field field--narrow">
        <label htmlFor="create-severity">Severity</label>
        <select
          id="create-severity"
          data-testid="create-severity"
          value={severity}
          onChange={(e) => setSeverity(SEVERITIES.find((s) => s === e.target.value) ?? 'SEV3')}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_HINTS[s]}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p id="create-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="create-form__actions">
        <button type="submit" className="button button--primary" data-testid="create-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create postmortem'}
        </button>
        <p className="muted create-form__note">
          You get three links — facilitator, participant and viewer. They are kept in this browser only.
        </p>
      </div>
    </form>
  );
}
