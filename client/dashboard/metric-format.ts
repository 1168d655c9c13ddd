/** How the dashboard writes metric values: ratios as percentages, minutes as hours and minutes, days to one decimal. */
import type { MetricUnit } from '../../shared/metrics/definitions.ts';

export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ratio':
      return `${Math.round(value * 100)}%`;
    case 'minutes':
      return formatMinutes(value);
    case 'days':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} d`;
    case 'notes per postmortem':
      return value.toFixed(2);
  }
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes - hours * 60);
  if (hours >= 48) return `${(minutes / 1440).toFixed(1)} d`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Axis ticks: shorter than the tooltip's text. */
export function formatTick(value: number, unit: MetricUnit): string {
  if (unit === 'ratio') return `${Math.round(value * 100)}%`;
  if (unit === 'minutes') return value >= 120 ? `${Number((value / 60).toFixed(1))}h` : `${Math.round(value)}m`;
  if (unit === 'days') return `${Math.round(value)}d`;
  return String(Math.round(value * 10) / 10);
}

/** "2026-03" → "Mar 26" in the reader's language. */
export function monthLabel(month: string): string {
  const [year, mon] = month.split('-').map(Number);
  if (!year || !mon) return month;
  return new Date(Date.UTC(year, mon - 1, 1)).toLocaleDateString(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
}
