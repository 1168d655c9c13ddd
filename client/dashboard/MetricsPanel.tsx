/** The learning metrics: a chart per question, over a chosen range of months, with downloads. */
import { useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { CHART_GROUPS } from './chart-groups.ts';
import { downloadMetrics, getMetrics, queryString } from './dashboard-api.ts';
import { MetricChart } from './MetricChart.tsx';
import { monthLabel } from './metric-format.ts';
import { usePolled } from './use-polled.ts';

const RANGES = [6, 12, 24] as const;

function monthKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The `months` months ending with this one, in the reader's time zone. */
function rangeOf(months: number): { from: string; to: string } {
  const now = new Date();
  return { from: monthKey(new Date(now.getFullYear(), now.getMonth() - (months - 1), 1)), to: monthKey(now) };
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function MetricsPanel({ token, onAuthError }: { token: string; onAuthError: (error: ApiError) => void }) {
  const [months, setMonths] = useState<(typeof RANGES)[number]>(12);
  const [downloadError, setDownloadError] = useState('');
  const query = queryString({ ...rangeOf(months), tz: TIME_ZONE });
  const { data, error } = usePolled((signal) => getMetrics(token, query, signal), `${token}${query}`, onAuthError);

  const download = (format: 'json' | 'csv') => {
    setDownloadError('');
    downloadMetrics(token, query, format).catch((e: unknown) => setDownloadError((e as Error).message));
  };

  return (
    <section className="dashboard__section" aria-labelledby="metrics-heading">
      <div className="dashboard__section-head">
        <h2 id="metrics-heading">Is the organisation learning?</h2>
        <div className="dashboard__tools">
          <label>
            Range{' '}
            <select className="select" value={months} onChange={(e) => setMonths(Number(e.target.value) as (typeof RANGES)[number])}>
              {RANGES.map((n) => (
                <option key={n} value={n}>
                  Last {n} months
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--quiet" onClick={() => download('csv')}>
            Download CSV
          </button>
          <button type="button" className="button button--quiet" onClick={() => download('json')}>
            Download JSON
          </button>
        </div>
      </div>
      {downloadError && <p role="alert" className="form-error">{downloadError}</p>}
      {error && !data && <p role="alert" className="form-error">{error.message}</p>}
      {data && (
        <>
          <p className="muted dashboard__period">
            {monthLabel(data.from)} – {monthLabel(data.to)}, months in {data.timeZone}: {data.overall.postmortems} postmortems,{' '}
            {data.overall.published} published. {data.periodRule}
          </p>
          <div className="metric-grid">
            {CHART_GROUPS.map((group) => (
              <MetricChart key={group.id} group={group} months={data.months} overall={data.overall} definitions={data.definitions} />
            ))}
          </div>
        </>
      )}
      {!data && !error && <p className="muted">Loading metrics…</p>}
    </section>
  );
}
