import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { FailedSignIns } from './failed-sign-ins';
import type { Refusal, RequestGuard } from './refusal';
import type { RequestInfo } from './request-info';
import { readCookie, SESSION_COOKIE, type SessionCookies } from './session-cookie';

/** How a request proved who it is; `none` when the workspace needs no sign-in. */
export interface Identity {
  method: 'cookie' | 'bearer' | 'proxy' | 'none';
  /** The user an authenticating proxy named. */
  user: string | null;
}

export interface Auth {
  /** Whether requests must prove who they are (ACCESS_TOKEN or TRUSTED_PROXY_AUTH_HEADER set). */
  required: boolean;
  /** Whether there is a token to sign in with (ACCESS_TOKEN). */
  hasToken: boolean;
  identify: (req: IncomingMessage) => Identity | Refusal;
  /** Checks a token a client offers (sign-in form or bearer), counting failures per address. */
  tryToken: (address: string, token: string) => Refusal | null;
  guard: RequestGuard;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export function createAuth(options: {
  accessToken: string | undefined;
  proxyAuthHeader: string | undefined;
  info: RequestInfo;
  cookies: SessionCookies | null;
  failedSignIns: FailedSignIns;
}): Auth {
  const { accessToken, proxyAuthHeader, info, cookies, failedSignIns } = options;
  const expected = accessToken === undefined ? null : digest(accessToken);
  const required = expected !== null || proxyAuthHeader !== undefined;

  const tryToken = (address: string, token: string): Refusal | null => {
    const wait = failedSignIns.retryAfterSeconds(address);
    if (wait > 0)
      return {
        status: 429,
        code: 'TOO_MANY_REQUESTS',
        message: `Too many failed sign-ins from ${address}: try again in ${wait} s.`,
        headers: { 'retry-after': String(wait) },
      };
    // Comparing digests keeps the time independent of where the strings differ, and of their length.
    if (expected && timingSafeEqual(digest(token), expected)) {
      failedSignIns.clear(address);
      return null;
    }
    failedSignIns.record(address);
    return {
      status: 401,
      code: 'UNAUTHORIZED',
      message:
        'That access token is not right. Use the ACCESS_TOKEN the workspace was started with.',
    };
  };

  const signInFirst: Refusal = {
    status: 401,
    code: 'UNAUTHORIZED',
    message: accessToken
      ? 'Sign in first: open /sign-in in a browser, or send the ACCESS_TOKEN as "Authorization: Bearer <token>" (createClient({ url, token })).'
      : 'Sign in first, through the authenticating proxy in front of this workspace.',
    headers: accessToken ? { 'www-authenticate': 'Bearer realm="broadcast-workspace"' } : {},
  };

  const identify = (req: IncomingMessage): Identity | Refusal => {
    if (!required) return { method: 'none', user: null };
    if (proxyAuthHeader && info.fromTrustedProxy(req)) {
      const user = req.headers[proxyAuthHeader];
      if (typeof user === 'string' && user.trim() !== '')
        return { method: 'proxy', user: user.trim() };
    }
    if (cookies?.verify(readCookie(req, SESSION_COOKIE))) return { method: 'cookie', user: null };
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined && expected) {
      return tryToken(info.clientAddress(req), bearer) ?? { method: 'bearer', user: null };
    }
    return signInFirst;
  };

  return {
    required,
    hasToken: expected !== null,
    identify,
    tryToken,
    guard: (req) => {
      const identity = identify(req);
      return 'status' in identity ? identity : null;
    },
  };
}
