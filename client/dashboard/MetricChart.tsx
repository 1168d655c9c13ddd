/**
 * One metric chart (recharts, SVG): a value per month, gaps where a month has nothing to compute
 * over, the exact definition of each metric under it and the numbers in a table for anyone who
 * cannot read the picture.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricDescription, PeriodMetrics } from '../../shared/metrics/series.ts';
import { SERIES_COLORS, type ChartGroup } from './chart-groups.ts';
import { formatMetric, formatTick, monthLabel } from './metric-format.ts';

interface Props {
  group: ChartGroup;
  months: readonly PeriodMetrics[];
  overall: PeriodMetrics;
  definitions: readonly MetricDescription[];
}

export function MetricChart({ group, months, overall, definitions }: Props) {
  const metrics = group.metrics.map((id) => definitions.find((d) => d.id === id)).filter((d): d is MetricDescription => Boolean(d));
  const unit = metrics[0]?.unit ?? 'ratio';
  const rows = months.map((m) => ({
    month: monthLabel(m.period),
    ...Object.fromEntries(metrics.map((d) => [d.id, m.metrics[d.id]?.value ?? null])),
  }));
  const hasData = rows.some((row) => metrics.some((d) => row[d.id as keyof typeof row] !== null));
  const headingId = `chart-${group.id}`;
  const common = { data: rows, margin: { top: 8, right: 12, bottom: 0, left: 0 } };
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} stroke="#e2e6eb" />,
    <XAxis key="x" dataKey="month" tick={{ fontSize: 12, fill: '#556070' }} interval="preserveStartEnd" />,
    <YAxis key="y" width={52} tick={{ fontSize: 12, fill: '#556070' }} tickFormatter={(v: number) => formatTick(v, unit)} domain={unit === 'ratio' ? [0, 1] : [0, 'auto']} />,
    <Tooltip key="tip" formatter={(value) => formatMetric(typeof value === 'number' ? value : null, unit)} />,
    ...(metrics.length > 1 ? [<Legend key="legend" wrapperStyle={{ fontSize: 12 }} />] : []),
  ];

  return (
    <figure className="metric-chart" aria-labelledby={headingId} data-testid={`chart-${group.id}`}>
      <header className="metric-chart__header">
        <h3 id={headingId}>{group.title}</h3>
        <p className="metric-chart__overall">
          {metrics.map((d) => (
            <span key={d.id}>
              {metrics.length > 1 && <span className="muted">{d.label.split(' ')[0]} </span>}
              <strong>{formatMetric(overall.metrics[d.id]?.value ?? null, d.unit)}</strong>
            </span>
          ))}
          <span className="muted"> over the range · {group.reading}</span>
        </p>
      </header>
      <div className="metric-chart__plot" aria-hidden="true">
        {hasData ? (
          <ResponsiveContainer width="100%" height={190}>
            {group.shape === 'bar' ? (
              <BarChart {...common} accessibilityLayer={false}>
                {axes}
                {metrics.map((d, i) => (
                  <Bar key={d.id} dataKey={d.id} name={d.label} fill={SERIES_COLORS[i]} isAnimationActive={false} radius={[3, 3, 0, 0]} />
                ))}
              </BarChart>
            ) : (
              <LineChart {...common} accessibilityLayer={false}>
                {axes}
                {metrics.map((d, i) => (
                  <Line key={d.id} dataKey={d.id} name={d.label} stroke={SERIES_COLORS[i]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} type="linear" />
                ))}
              </LineChart>
            )}
          </ResponsiveContainer>
        ) : (
          <p className="metric-chart__empty muted">Nothing to compute yet in these months.</p>
        )}
      </div>
      <figcaption className="metric-chart__definitions">
        {metrics.map((d) => (
          <p key={d.id}>
            <strong>{d.label}:</strong> {d.definition}
          </p>
        ))}
      </figcaption>
      <details className="metric-chart__table">
        <summary>Numbers per month</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {metrics.map((d) => (
                <th key={d.id} scope="col">
                  {d.label}
                </th>
              ))}
              <th scope="col">Computed over (n)</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.period}>
                <th scope="row">{monthLabel(m.period)}</th>
                {metrics.map((d) => (
                  <td key={d.id}>{formatMetric(m.metrics[d.id]?.value ?? null, d.unit)}</td>
                ))}
                <td>{metrics.map((d) => m.metrics[d.id]?.n ?? 0).join(' / ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
