/** The side panel's report tools: export as Markdown or JSON, and print the report. */
import { useState } from 'react';
import { useDoc } from '../editor/DocContext.tsx';
import { useYString } from '../editor/hooks.ts';
import { downloadExport, ExportError, type ExportFormat } from './export-files.ts';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'md', label: 'Export Markdown' },
  { format: 'json', label: 'Export JSON' },
];

/** Export and print buttons; what went wrong is said next to them. */
export function ExportPanel() {
  const { session, token, roots } = useDoc();
  const title = useYString(roots.meta, 'title');
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState('');

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError('');
    try {
      await downloadExport(session.id, token, format, title);
    } catch (caught) {
      setError(caught instanceof ExportError ? caught.message : 'The export failed.');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel export-panel" aria-labelledby="export-heading" data-testid="export-panel">
      <h2 id="export-heading" className="panel__title">
        Report
      </h2>
      <div className="export-panel__buttons">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="button button--small"
            data-testid={`export-${format}`}
            disabled={busy !== null}
            onClick={() => void run(format)}
          >
            {busy === format ? 'Exporting…' : label}
          </button>
        ))}
        <button type="button" className="button button--small" data-testid="print-report" onClick={() => window.print()}>
          Print
        </button>
      </div>
      {error && (
        <p className="form-error export-panel__error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
      <p className="panel__note">Exports hold the shared document only, nothing private.</p>
    </section>
  );
}
