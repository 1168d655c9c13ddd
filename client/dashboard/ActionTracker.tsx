/**
 * Action items across every postmortem: open and overdue by default, filtered by owner, kind and
 * status, with each owner's load; each item links back to its postmortem.
 */
import { useState } from 'react';
import { ACTION_KIND_FILTERS } from '../../shared/api/dashboard.ts';
import { ACTION_STATUSES } from '../../shared/schema/sections.ts';
import type { ApiError } from '../api/client.ts';
import { listActions, queryString } from './dashboard-api.ts';
import { postmortemLink } from './org-token.ts';
import { usePolled } from './use-polled.ts';

const PAGE = 25;
const STATUS_CHOICES = [
  { value: 'open,in-progress', label: 'Not closed (open or in progress)' },
  ...ACTION_STATUSES.map((s) => ({ value: s, label: s })),
  { value: '', label: 'Any status' },
];

function dueText(due: string): string {
  return due ? new Date(`${due}T00:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '—';
}

export function ActionTracker({ token, onAuthError }: { token: string; onAuthError: (error: ApiError) => void }) {
  const [status, setStatus] = useState('open,in-progress');
  const [owner, setOwner] = useState('');
  const [kind, setKind] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const query = queryString({ status, owner, kind, overdue: overdue ? 'true' : undefined, limit: shown });
  const { data, error } = usePolled((signal) => listActions(token, query, signal), `${token}${query}`, onAuthError);
  // Owners for the picker come from an unfiltered call, so picking one does not shrink the list.
  const owners = usePolled((signal) => listActions(token, '?status=open,in-progress&limit=1', signal), `${token}:owners`, onAuthError).data?.owners ?? [];
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    setShown(PAGE);
    set(v);
  };

  return (
    <section className="dashboard__section" aria-labelledby="actions-heading">
      <div className="dashboard__section-head">
        <h2 id="actions-heading">Action items</h2>
        <p className="muted" aria-live="polite" data-testid="action-count">
          {data ? `${data.total} matching` : ''}
        </p>
      </div>
      <form className="filters" aria-label="Filter action items" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select className="select" value={status} onChange={(e) => reset(setStatus)(e.target.value)}>
            {STATUS_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <select className="select" value={owner} onChange={(e) => reset(setOwner)(e.target.value)}>
            <option value="">Anyone</option>
            {owners
              .filter((o) => o.owner)
              .map((o) => (
                <option key={o.owner} value={o.owner}>
                  {o.owner} ({o.open} open{o.overdue ? `, ${o.overdue} overdue` : ''})
                </option>
              ))}
          </select>
        </label>
        <label>
          Kind
          <select className="select" value={kind} onChange={(e) => reset(setKind)(e.target.value)}>
            <option value="">Any kind</option>
            {ACTION_KIND_FILTERS.map((k) => (
              <option key={k} value={k}>
                {k === 'none' ? 'no kind set' : k}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__check">
          <input type="checkbox" checked={overdue} onChange={(e) => reset(setOverdue)(e.target.checked)} /> Overdue only
        </label>
      </form>
      {error && <p role="alert" className="form-error">{error.message}</p>}
      <div className="tracker">
        {data && data.owners.length > 0 && (
          <div className="owner-load">
            <h3>By owner</h3>
            <table className="dashboard-table dashboard-table--compact" data-testid="owner-table">
              <thead>
                <tr>
                  <th scope="col">Owner</th>
                  <th scope="col">Open</th>
                  <th scope="col">Overdue</th>
                </tr>
              </thead>
              <tbody>
                {data.owners.map((o) => (
                  <tr key={o.owner}>
                    <th scope="row">{o.owner || <span className="muted">no owner</span>}</th>
                    <td>{o.open}</td>
                    <td className={o.overdue ? 'overdue' : undefined}>{o.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="table-scroll tracker__items">
          {data && data.items.length === 0 && <p className="muted">No action item matches.</p>}
          {data && data.items.length > 0 && (
            <table className="dashboard-table" data-testid="action-table">
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  <th scope="col">Postmortem</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={`${item.postmortem.id}:${item.id}`} data-testid="tracker-row">
                    <th scope="row" className="dashboard-table__action">{item.action || <span className="muted">(no text)</span>}</th>
                    <td>{item.kind || <span className="muted">—</span>}</td>
                    <td>{item.owner || <span className="muted">—</span>}</td>
                    <td className={item.overdue ? 'overdue' : undefined}>
                      {dueText(item.due)}
                      {item.overdue && <span className="visually-hidden"> (overdue)</span>}
                    </td>
                    <td>
                      <span className={`badge badge--action-${item.status}`}>{item.status}</span>
                    </td>
                    <td>
                      <a href={postmortemLink(item.postmortem.id, token)}>{item.postmortem.title || 'Untitled postmortem'}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data && data.total > data.items.length && (
            <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
              Show more ({data.total - data.items.length} left)
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
