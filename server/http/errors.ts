/** HTTP errors in the contract's shape {"error":{"code","message"}}, never a stack trace. */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ErrorBody, ErrorCode } from '../../shared/api/types.ts';
import type { Logger } from '../logger.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly findings?: unknown[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
  findings?: unknown[],
): void {
  const body: ErrorBody = {
    error: { code, message, ...(details === undefined ? {} : { details }), ...(findings === undefined ? {} : { findings }) },
  };
  res.status(status).type('application/json').send(JSON.stringify(body));
}

/** Errors raised by express.json() carry a `type`; map each to the contract. */
const BODY_ERRORS: Record<string, [number, ErrorCode, string]> = {
  'entity.too.large': [413, 'payload_too_large', 'request body is too large'],
  'entity.parse.failed': [400, 'bad_request', 'request body is not valid JSON'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported_media_type', 'unsupported charset'],
  'request.aborted': [400, 'bad_request', 'request aborted'],
  'request.size.invalid': [400, 'bad_request', 'request size did not match content length'],
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.details, err.findings);
    const type = (err as { type?: string } | null)?.type;
    const mapped = type ? BODY_ERRORS[type] : undefined;
    if (mapped) return sendError(res, mapped[0], mapped[1], mapped[2]);
    // Other client errors the body parsers raise without a type (a corrupt gzip body...): a 4xx, not a 500.
    const status = (err as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (status === 413) return sendError(res, 413, 'payload_too_large', 'request body is too large');
      if (status === 415) return sendError(res, 415, 'unsupported_media_type', 'unsupported request body');
      return sendError(res, 400, 'bad_request', 'request body could not be read');
    }
    // The path only: query strings may carry tokens.
    logger.error('unhandled error in request', { method: req.method, path: req.path, error: err as Error });
    sendError(res, 500, 'internal', 'internal server error');
  };
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `no route for ${req.method} ${req.path}`);
};
