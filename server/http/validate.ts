/** Turns a zod failure into a 400 in the contract's shape, naming each bad field. */
import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError } from './errors.ts';

/** 415 unless the request says it sends JSON. */
export function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send Content-Type: application/json');
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'invalid request body';
  throw new HttpError(400, 'bad_request', message, { issues });
}

/** Validates a query string against `schema`; 400 naming the bad parameter. An empty parameter (`?q=`) counts as absent. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const given = Object.entries((query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== '');
  return parseBody(schema, Object.fromEntries(given));
}
