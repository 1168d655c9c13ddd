/** Tells the person when the server refused one of their changes (close code 4403). */
import { useState } from 'react';
import { closeReason, CloseCode } from '../../shared/protocol/index.ts';

/** A dismissible alert, shown again on each new refusal. */
export function RefusalNotice({ refusals }: { refusals: number }) {
  const [dismissed, setDismissed] = useState(0);
  if (refusals === 0 || refusals === dismissed) return null;
  return (
    <div className="notice notice--warning" role="alert" data-testid="refused-notice">
      <span>
        {closeReason(CloseCode.writeRefused)} The document was reloaded from the server; the refused change was
        dropped.
      </span>
      <button type="button" className="button button--quiet" onClick={() => setDismissed(refusals)}>
        Dismiss
      </button>
    </div>
  );
}
