/**
 * The postmortem page's "Similar past incidents": earlier postmortems sharing services or tags
 * with similar contributing factors, each with why. The facilitator can mark one as the incident
 * this one repeats (it feeds the dashboard's repeat-incident rate); the mark is kept on the server,
 * not in the shared document.
 */
import { useState } from 'react';
import type { SimilarIncident } from '../../shared/api/dashboard.ts';
import { appPath, loadLinks } from '../app/saved.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { getSimilar, markRepeatOf } from './dashboard-api.ts';
import { loadOrgToken, postmortemLink } from './org-token.ts';
import { usePolled } from './use-polled.ts';
import './similar.css';

const REFRESH_MS = 30_000;

/** A link this browser can open: the organisation token, or a link it was given; else none. */
function linkTo(id: string, token: string): string | null {
  if (token === loadOrgToken()) return postmortemLink(id, token);
  const saved = loadLinks(id);
  return saved ? appPath(saved.links.viewer) : null;
}

function Incident({ incident, token, canMark, busy, onMark }: { incident: SimilarIncident; token: string; canMark: boolean; busy: boolean; onMark: (id: string | null) => void }) {
  const href = linkTo(incident.id, token);
  const started = incident.startedAt ? new Date(incident.startedAt).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '';
  return (
    <li className="similar" data-testid="similar-item">
      <p className="similar__title">
        {href ? <a href={href}>{incident.title || 'Untitled postmortem'}</a> : incident.title || 'Untitled postmortem'}
        {incident.markedRepeat && <span className="badge badge--locked similar__badge">repeat of this</span>}
      </p>
      <p className="similar__why">
        <span className={`badge badge--${incident.severity.toLowerCase()}`}>{incident.severity}</span> {started && <span>{started} · </span>}
        {incident.explanation}
      </p>
      {canMark && (
        <button type="button" className="button button--quiet similar__mark" disabled={busy} onClick={() => onMark(incident.markedRepeat ? null : incident.id)}>
          {incident.markedRepeat ? 'Not a repeat' : 'Mark as a repeat of this'}
        </button>
      )}
    </li>
  );
}

export function SimilarIncidents() {
  const { session, token, role } = useDoc();
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const { data, error } = usePolled((signal) => getSimilar(session.id, token, signal), `${session.id}:${token}:${version}`, undefined, REFRESH_MS);
  const canMark = role === 'facilitator';

  const mark = (id: string | null) => {
    setBusy(true);
    setProblem('');
    markRepeatOf(session.id, token, id)
      .then(() => setVersion((v) => v + 1))
      .catch((e: unknown) => setProblem((e as Error).message))
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel" aria-labelledby="similar-heading" data-testid="similar-panel">
      <h2 id="similar-heading" className="panel__title">
        Similar past incidents {data && <span className="panel__count">{data.similar.length}</span>}
      </h2>
      {error && !data && <p className="panel__note panel__note--first">Could not load them: {error.message}</p>}
      {data && data.similar.length === 0 && (
        <p className="panel__note panel__note--first">None yet: earlier postmortems that share a service and have similar contributing factors appear here.</p>
      )}
      {data && data.similar.length > 0 && (
        <ul className="similar-list">
          {data.similar.map((incident) => (
            <Incident key={incident.id} incident={incident} token={token} canMark={canMark} busy={busy} onMark={mark} />
          ))}
        </ul>
      )}
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
    </section>
  );
}
