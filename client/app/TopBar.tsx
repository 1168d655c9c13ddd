/** The top bar: home, title, severity, status, read-only badge, undo/redo, triage, publish, connection. */
import { LABELS } from '../../shared/schema/index.ts';
import { PublishButton } from '../checks/PublishButton.tsx';
import { ConnectionIndicator } from '../editor/ConnectionIndicator.tsx';
import { useDoc } from '../editor/DocContext.tsx';
import { useYString } from '../editor/hooks.ts';
import { UndoRedo } from '../editor/UndoRedo.tsx';
import { TriageButton } from '../facilitation/TriageDialog.tsx';
import { Link } from './router.tsx';

/** The workspace header. */
export function TopBar() {
  const { session, roots, readOnly, role } = useDoc();
  const title = useYString(roots.meta, 'title');
  const severity = useYString(roots.meta, 'severity') || 'SEV3';
  const status = useYString(roots.moderation, 'status') || 'draft';
  const readOnlyReason = role === 'viewer' ? 'viewer' : 'published';
  return (
    <header className="topbar">
      <Link to="/" className="topbar__brand">
        Second Story
      </Link>
      <div className="topbar__title">
        <h1 title={title}>{title.trim() || 'Untitled postmortem'}</h1>
        <span className={`badge badge--${severity.toLowerCase()}`} data-testid="severity-badge">
          {severity}
        </span>
        <span className={`badge badge--state badge--${status}`} data-testid="status-badge">
          {LABELS[status] ?? status}
        </span>
        {readOnly && (
          <span className="badge badge--readonly" data-testid="readonly-badge">
            Read-only: {readOnlyReason}
          </span>
        )}
      </div>
      <div className="topbar__tools">
        {!readOnly && <UndoRedo session={session} />}
        <TriageButton />
        <PublishButton />
        <ConnectionIndicator session={session} />
      </div>
    </header>
  );
}
