/** Tells the person when the server refused one of their changes (close code 4403), and why. */
import { useState } from 'react';
import { describeRefusal } from './refusal.ts';

/** A dismissible alert, shown again on each new refusal. */
export function RefusalNotice({ refusals, reason = '' }: { refusals: number; reason?: string }) {
  const [dismissed, setDismissed] = useState(0);
  if (refusals === 0 || refusals === dismissed) return null;
  return (
    <div className="notice notice--warning" role="alert" data-testid="refused-notice">
      <span>{describeRefusal(reason)} The document was reloaded from the server, so you see what everyone else sees.</span>
      <button type="button" className="button button--quiet" onClick={() => setDismissed(refusals)}>
        Dismiss
      </button>
    </div>
  );
}
