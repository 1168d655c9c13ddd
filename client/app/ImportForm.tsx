/**
 * "Import a postmortem": a Markdown file (the template layout or the variants real repositories
 * use) becomes a new postmortem; the answer says what could not be mapped before you open it.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { ImportPostmortemResponse } from '../../shared/api/index.ts';
import { ApiError, getPostmortem } from '../api/client.ts';
import { importMarkdown } from '../api/import.ts';
import { navigate } from './router.tsx';
import { saveLinks } from './saved.ts';

const MAX_BYTES = 256 * 1024;

function openAsFacilitator(result: ImportPostmortemResponse): void {
  navigate(`/p/${encodeURIComponent(result.id)}#t=${encodeURIComponent(result.tokens.facilitator)}`);
}

interface Imported {
  result: ImportPostmortemResponse;
  title: string;
}

export function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<Imported | null>(null);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setError(null);
    setImported(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return setError('Choose a Markdown file first.');
    if (file.size > MAX_BYTES) return setError('The file is larger than 256 KB.');
    setBusy(true);
    setError(null);
    try {
      const result = await importMarkdown(await file.text());
      const info = await getPostmortem(result.id, result.tokens.facilitator);
      saveLinks(result, info.title, info.severity);
      setImported({ result, title: info.title });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The file could not be imported.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="create-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="import-file">Markdown file</label>
        <input id="import-file" data-testid="import-file" type="file" accept=".md,.markdown,text/markdown,text/plain" onChange={choose} />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {imported ? (
        <div className="import-result" role="status" data-testid="import-result">
          <p>
            Imported <strong>{imported.title}</strong>.
          </p>
          {imported.result.unmapped.length > 0 && (
            <p className="muted">Not imported (no place in the template): {imported.result.unmapped.join(', ')}.</p>
          )}
          {imported.result.warnings.map((w) => (
            <p key={w} className="muted">
              {w}
            </p>
          ))}
          <button type="button" className="button button--primary" data-testid="import-open" onClick={() => openAsFacilitator(imported.result)}>
            Open it as facilitator
          </button>
        </div>
      ) : (
        <div className="create-form__actions">
          <button type="submit" className="button" data-testid="import-submit" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      )}
    </form>
  );
}
