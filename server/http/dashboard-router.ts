/**
 * The learning dashboard (organisation token): GET /api/postmortems (the list, filtered),
 * GET /api/actions (the action-item tracker) and GET /api/metrics (per month and overall, JSON or
 * CSV). Everything is read from the index: opening the dashboard never loads a document.
 */
import { Router, type Request, type RequestHandler } from 'express';
import {
  actionListQuery,
  MAX_METRIC_MONTHS,
  metricsQuery,
  postmortemListQuery,
  type ActionListResponse,
  type MetricsResponse,
  type PostmortemListResponse,
} from '../../shared/api/dashboard.ts';
import { listActions, listPostmortems } from '../../shared/metrics/lists.ts';
import { computeMetricsReport, lastTwelveMonths, metricsReportToCsv } from '../../shared/metrics/series.ts';
import { addMonths, monthCount } from '../../shared/metrics/time.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { HttpError } from './errors.ts';
import type { OrgAuth } from './org-auth.ts';
import { parseQuery } from './validate.ts';

export interface DashboardDeps {
  store: PostmortemStore;
  org: OrgAuth;
  /** The clock (tests pin it). */
  now?: () => Date;
}

function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

export function dashboardRouter(deps: DashboardDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  // Organisation data: no shared cache may keep it. (Only these exact paths: POST /api/postmortems
  // and /api/postmortems/:id/... belong to the postmortems router.)
  const guard: RequestHandler = (req, res, next) => {
    deps.org.check(req);
    res.setHeader('Cache-Control', 'no-store');
    next();
  };

  router.get('/postmortems', guard, async (req, res) => {
    const { limit, offset, ...filter } = parseQuery(postmortemListQuery, req.query);
    const { total, items } = listPostmortems(await deps.store.listIndex(), filter, now(), { offset, limit });
    const body: PostmortemListResponse = { total, offset, limit, items };
    res.json(body);
  });

  router.get('/actions', guard, async (req, res) => {
    const { limit, offset, ...filter } = parseQuery(actionListQuery, req.query);
    const { total, items, owners } = listActions(await deps.store.listIndex(), filter, now(), { offset, limit });
    const body: ActionListResponse = { total, offset, limit, items, owners };
    res.json(body);
  });

  router.get('/metrics', guard, async (req, res) => {
    const query = parseQuery(metricsQuery, req.query);
    const timeZone = query.tz ?? 'UTC';
    const fallback = lastTwelveMonths(now(), timeZone);
    // Twelve months unless asked otherwise: ending now, ending at `to`, or starting at `from`.
    const to = query.to ?? (query.from ? addMonths(query.from, 11) : fallback.to);
    const from = query.from ?? addMonths(to, -11);
    if (from > to) throw new HttpError(400, 'bad_request', 'from must not be after to');
    if (monthCount(from, to) > MAX_METRIC_MONTHS) {
      throw new HttpError(400, 'bad_request', `ask for at most ${MAX_METRIC_MONTHS} months`);
    }
    const report: MetricsResponse = computeMetricsReport(await deps.store.listIndex(), { from, to, timeZone });
    res.vary('Accept');
    if (wantsCsv(req, query.format)) {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`second-story-metrics-${from}-${to}.csv`)
        .send(metricsReportToCsv(report));
      return;
    }
    res.json(report);
  });

  return router;
}
