/** Security headers for every response; the app loads only its own scripts, styles and socket. */
import type { RequestHandler } from 'express';

/**
 * The socket origin of PUBLIC_URL (wss: for https:, ws: for http:). CSP Level 3 browsers already
 * let 'self' match the page's own host over ws:/wss:; naming it keeps older ones working too.
 */
function socketOrigin(publicUrl: string): string | null {
  try {
    const url = new URL(publicUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  } catch {
    return null;
  }
}

/** The Content-Security-Policy: same origin only, sockets included. */
export function contentSecurityPolicy(publicUrl?: string): string {
  const socket = publicUrl ? socketOrigin(publicUrl) : null;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // TipTap's carets and ProseMirror set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    socket ? `connect-src 'self' ${socket}` : "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Powerful browser features the app never uses, switched off for it and anything it embeds. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** The headers middleware; `publicUrl` (PUBLIC_URL) adds its socket origin to connect-src. */
export function securityHeadersFor(publicUrl?: string): RequestHandler {
  const csp = contentSecurityPolicy(publicUrl);
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}

/** The headers without a PUBLIC_URL. */
export const securityHeaders: RequestHandler = securityHeadersFor();
