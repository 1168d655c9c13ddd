/**
 * Which metrics share a chart: each chart is one question a lead asks ("are we detecting
 * faster?"), so a mean and a median of the same duration are drawn together.
 */
import type { MetricId } from '../../shared/metrics/definitions.ts';

export interface ChartGroup {
  id: string;
  title: string;
  /** What a rising line means, in a few words. */
  reading: string;
  metrics: readonly MetricId[];
  shape: 'line' | 'bar';
}

export const CHART_GROUPS: readonly ChartGroup[] = [
  { id: 'completion', title: 'Action-item completion rate', reading: 'Higher is better', metrics: ['actionCompletionRate'], shape: 'line' },
  { id: 'close', title: 'Median time to close an action item', reading: 'Lower is better', metrics: ['medianTimeToCloseDays'], shape: 'bar' },
  { id: 'repeat', title: 'Repeat-incident rate', reading: 'Lower is better', metrics: ['repeatIncidentRate'], shape: 'line' },
  { id: 'detect', title: 'Time to detect', reading: 'Lower is better', metrics: ['meanTimeToDetectMinutes', 'medianTimeToDetectMinutes'], shape: 'line' },
  { id: 'recover', title: 'Time to recover', reading: 'Lower is better', metrics: ['meanTimeToRecoverMinutes', 'medianTimeToRecoverMinutes'], shape: 'line' },
  { id: 'near-miss', title: 'Near-miss reporting rate', reading: 'Higher is better: people feel safe to report', metrics: ['nearMissReportingRate'], shape: 'bar' },
  { id: 'velocity', title: 'Learning velocity', reading: 'Higher is better', metrics: ['learningVelocity'], shape: 'line' },
  { id: 'publish', title: 'Time from resolution to publication', reading: 'Lower is better', metrics: ['medianTimeToPublishDays'], shape: 'bar' },
];

/** Series colours: distinguishable, and dark enough on white (WCAG non-text contrast 3:1). */
export const SERIES_COLORS = ['#1f4e79', '#c2410c'] as const;
