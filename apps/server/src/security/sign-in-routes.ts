import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Auth } from './auth';
import { BodyTooLargeError, discardThenClose, readBody } from './body-limit';
import { refuseHttp, type RequestGuard } from './refusal';
import type { RequestInfo } from './request-info';
import { sessionCookieHeader, type SessionCookies } from './session-cookie';
import { safeNext, signInPage, signInPageCsp } from './sign-in-page';

/** A sign-in form is a token and a path: a few hundred bytes. */
const FORM_MAX_BYTES = 4096;

export const SIGN_IN_PATHS = new Set(['/sign-in', '/sign-out', '/auth/session']);

function redirect(res: ServerResponse, location: string, cookie?: string): void {
  res.writeHead(303, {
    location,
    'cache-control': 'no-store',
    ...(cookie ? { 'set-cookie': cookie } : {}),
  });
  res.end();
}

function sendPage(res: ServerResponse, status: number, html: string, headers = {}): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': signInPageCsp(),
  });
  res.end(html);
}

/**
 * GET /sign-in (the form), POST /sign-in (token → session cookie), POST /sign-out (cookie
 * cleared) and GET /auth/session (how the caller is signed in, for the web app). The form posts
 * are checked against the origin guard: another site may not sign a browser in or out.
 */
export function createSignInRoutes(options: {
  auth: Auth;
  cookies: SessionCookies | null;
  info: RequestInfo;
  originGuard: RequestGuard;
}) {
  const { auth, cookies, info, originGuard } = options;

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let form: URLSearchParams;
    try {
      form = new URLSearchParams((await readBody(req, FORM_MAX_BYTES)).toString('utf8'));
    } catch (error) {
      // Otherwise the client went away mid-form: nobody is left to answer.
      if (!(error instanceof BodyTooLargeError)) return void res.destroy();
      refuseHttp(res, error.refusal);
      return discardThenClose(req, FORM_MAX_BYTES);
    }
    const next = safeNext(form.get('next'));
    const refusal = auth.tryToken(info.clientAddress(req), form.get('token') ?? '');
    if (refusal) {
      return sendPage(
        res,
        refusal.status,
        signInPage({ next, error: refusal.message }),
        refusal.headers,
      );
    }
    redirect(res, next, sessionCookieHeader(cookies!.issue(), info.isSecure(req)));
  }

  /** Handles the request when its path is one of SIGN_IN_PATHS. */
  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://workspace');
    if (path === '/auth/session' && req.method === 'GET') {
      const identity = auth.identify(req);
      if ('status' in identity) return refuseHttp(res, identity);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ required: auth.required, ...identity }));
      return;
    }
    if (path === '/sign-in' && req.method === 'GET') {
      const next = safeNext(url.searchParams.get('next'));
      if (!auth.hasToken || !('status' in auth.identify(req))) return redirect(res, next);
      return sendPage(res, 200, signInPage({ next }));
    }
    if ((path === '/sign-in' || path === '/sign-out') && req.method === 'POST') {
      const refusal = originGuard(req);
      if (refusal) return refuseHttp(res, refusal);
      if (path === '/sign-out')
        return redirect(
          res,
          auth.hasToken ? '/sign-in' : '/',
          sessionCookieHeader(null, info.isSecure(req)),
        );
      if (!auth.hasToken) return redirect(res, '/');
      return signIn(req, res);
    }
    res.writeHead(405, { allow: path === '/auth/session' ? 'GET' : 'GET, POST' }).end();
  };
}
