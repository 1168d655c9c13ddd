/** Every postmortem: search by text, filter by service, severity, status and date; each row opens it read-only. */
import { useState } from 'react';
import type { PostmortemListItem } from '../../shared/api/dashboard.ts';
import { POSTMORTEM_STATUSES, SEVERITIES } from '../../shared/schema/sections.ts';
import type { ApiError } from '../api/client.ts';
import { listPostmortems, queryString } from './dashboard-api.ts';
import { postmortemLink } from './org-token.ts';
import { useDebounced } from './use-debounced.ts';
import { usePolled } from './use-polled.ts';

const PAGE = 25;

interface Filters {
  q: string;
  service: string;
  severity: string;
  status: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { q: '', service: '', severity: '', status: '', from: '', to: '' };

function day(iso: string): string {
  return iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '—';
}

function Findings({ counts }: { counts: PostmortemListItem['openFindings'] }) {
  if (counts.error + counts.warning + counts.info === 0) return <span className="muted">none</span>;
  return (
    <span className="finding-counts">
      {counts.error > 0 && <span className="finding-count finding-count--error">{counts.error} error{counts.error === 1 ? '' : 's'}</span>}
      {counts.warning > 0 && <span className="finding-count finding-count--warning">{counts.warning} warning{counts.warning === 1 ? '' : 's'}</span>}
      {counts.info > 0 && <span className="finding-count finding-count--info">{counts.info} info</span>}
    </span>
  );
}

export function PostmortemList({ token, onAuthError }: { token: string; onAuthError: (error: ApiError) => void }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [shown, setShown] = useState(PAGE);
  const q = useDebounced(filters.q.trim(), 250);
  const query = queryString({ ...filters, q, limit: shown });
  const { data, error, loading } = usePolled((signal) => listPostmortems(token, query, signal), `${token}${query}`, onAuthError);
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => {
    setShown(PAGE);
    setFilters((f) => ({ ...f, [key]: event.target.value }));
  };
  const services = [...new Set((data?.items ?? []).flatMap((i) => i.services))].sort();
  const filtered = Object.values(filters).some(Boolean);

  return (
    <section className="dashboard__section" aria-labelledby="postmortems-heading">
      <div className="dashboard__section-head">
        <h2 id="postmortems-heading">Postmortems</h2>
        <p className="muted" aria-live="polite" data-testid="postmortem-count">
          {data ? `${data.total} ${filtered ? 'matching' : 'in all'}` : loading ? 'Loading…' : ''}
        </p>
      </div>
      <form className="filters" role="search" aria-label="Filter postmortems" onSubmit={(e) => e.preventDefault()}>
        <label className="filters__search">
          Search
          <input className="input" type="search" value={filters.q} onChange={set('q')} placeholder="Title, services, factors, actions" />
        </label>
        <label>
          Service
          <input className="input" list="known-services" value={filters.service} onChange={set('service')} placeholder="Any" />
          <datalist id="known-services">
            {services.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label>
          Severity
          <select className="select" value={filters.severity} onChange={set('severity')}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select className="select" value={filters.status} onChange={set('status')}>
            <option value="">Any</option>
            {POSTMORTEM_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Started from
          <input className="input" type="date" value={filters.from} onChange={set('from')} />
        </label>
        <label>
          to
          <input className="input" type="date" value={filters.to} onChange={set('to')} />
        </label>
        {filtered && (
          <button type="button" className="button button--quiet" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        )}
      </form>
      {error && <p role="alert" className="form-error">{error.message}</p>}
      {data && data.items.length === 0 && <p className="muted">{filtered ? 'No postmortem matches these filters.' : 'No postmortems yet.'}</p>}
      {data && data.items.length > 0 && (
        <div className="table-scroll">
          <table className="dashboard-table" data-testid="postmortem-table">
            <thead>
              <tr>
                <th scope="col">Postmortem</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Services</th>
                <th scope="col">Started</th>
                <th scope="col">Open findings</th>
                <th scope="col">Actions open / overdue</th>
                <th scope="col">Time to publish</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.id} data-testid="postmortem-row">
                  <th scope="row">
                    <a href={postmortemLink(item.id, token)}>{item.title || 'Untitled postmortem'}</a>
                    {item.repeatOf && <span className="badge badge--muted repeat-badge">repeat</span>}
                  </th>
                  <td>
                    <span className={`badge badge--${item.severity.toLowerCase()}`}>{item.severity}</span>
                  </td>
                  <td>
                    <span className={`badge badge--${item.status}`}>{item.status}</span>
                  </td>
                  <td className="dashboard-table__services">{item.services.join(', ') || <span className="muted">—</span>}</td>
                  <td>{day(item.startedAt || item.createdAt)}</td>
                  <td>
                    <Findings counts={item.openFindings} />
                  </td>
                  <td>
                    {item.actions.open}
                    {' / '}
                    <span className={item.actions.overdue > 0 ? 'overdue' : undefined}>{item.actions.overdue}</span>
                    <span className="muted"> of {item.actions.total}</span>
                  </td>
                  <td>{item.timeToPublishDays === null ? <span className="muted">—</span> : `${item.timeToPublishDays.toFixed(1)} d`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > data.items.length && (
        <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, data.total - data.items.length)} more of {data.total - data.items.length}
        </button>
      )}
    </section>
  );
}
