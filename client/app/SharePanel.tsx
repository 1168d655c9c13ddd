/** The facilitator's share box: participant and viewer links, each with a Copy button. */
import { useEffect, useRef, useState } from 'react';
import { loadLinks } from './saved.ts';

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<'idle' | 'copied' | 'manual'>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const timer = window.setTimeout(() => setResult('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [result]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setResult('copied');
    } catch {
      // No clipboard access (e.g. plain http): select the text for Ctrl+C instead.
      input.current?.select();
      setResult('manual');
    }
  };

  return (
    <div className="copy-field">
      <label htmlFor={testId} className="field__label field__label--small">
        {label}
      </label>
      <div className="copy-field__row">
        <input
          ref={input}
          id={testId}
          className="input copy-field__input"
          data-testid={testId}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()} aria-label={`Copy the ${label.toLowerCase()}`}>
          Copy
        </button>
      </div>
      <span className="copy-field__status" role="status" aria-live="polite">
        {result === 'copied' ? 'Copied' : result === 'manual' ? 'Selected: press Ctrl+C (⌘C) to copy' : ''}
      </span>
    </div>
  );
}

/** Share links, from this browser's storage (the server cannot show them again). */
export function SharePanel({ id }: { id: string }) {
  const [saved] = useState(() => loadLinks(id));
  return (
    <section className="panel" aria-labelledby="share-heading">
      <h2 id="share-heading" className="panel__title">
        Share
      </h2>
      {saved ? (
        <>
          <CopyField label="Participant link" value={saved.links.participant} testId="share-participant-link" />
          <CopyField label="Viewer link" value={saved.links.viewer} testId="share-viewer-link" />
          <p className="panel__note">Participants can edit; viewers can only read. Anyone with a link has its access.</p>
        </>
      ) : (
        <p className="panel__note" data-testid="share-missing">
          The share links are kept only in the browser that created this postmortem. Open it there to copy them.
        </p>
      )}
    </section>
  );
}
