import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'broadcast_session';
/** How long a sign-in lasts. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Signed session cookies: `v1.<expires (unix s)>.<HMAC-SHA256>`. The key is derived from
 * ACCESS_TOKEN, so nothing is stored on the server and changing the token signs everyone out.
 */
export function createSessionCookies(accessToken: string, now: () => number = Date.now) {
  const key = createHmac('sha256', accessToken).update('broadcast-workspace session v1').digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    issue(): string {
      const payload = `v1.${Math.floor(now() / 1000) + SESSION_MAX_AGE_SECONDS}`;
      return `${payload}.${mac(payload)}`;
    },
    verify(value: string | undefined): boolean {
      const match = /^(v1\.(\d{1,12}))\.([\w-]{43})$/.exec(value ?? '');
      if (!match) return false;
      const [, payload = '', expires = '', signature = ''] = match;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      return (
        given.length === expected.length &&
        timingSafeEqual(given, expected) &&
        Number(expires) * 1000 > now()
      );
    },
  };
}

export type SessionCookies = ReturnType<typeof createSessionCookies>;

/** The value of one cookie from the Cookie header. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a new session (HttpOnly, SameSite=Strict; Secure when the client used HTTPS). */
export function sessionCookieHeader(value: string | null, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${value ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${value === null ? 0 : SESSION_MAX_AGE_SECONDS}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
