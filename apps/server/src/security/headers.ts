import type { ServerResponse } from 'node:http';

/**
 * The page may run only its own scripts, talk only to this workspace (its HTTP and WebSocket
 * origin), show only its own and data: images, and may not be framed. `host` is the Host the
 * request passed the host check with, so the WebSocket URL matches what the page opens.
 */
export function contentSecurityPolicy(
  host: string | null,
  extra: { styleSrc?: string } = {},
): string {
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${extra.styleSrc ?? "'self'"}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries. */
export function setSecurityHeaders(res: ServerResponse, host: string | null): void {
  res.setHeader('content-security-policy', contentSecurityPolicy(host));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}
