import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from '@mlb/logger';

import {
  BodyTooLargeError,
  discardThenClose,
  readBody,
  refuseHttp,
  setSecurityHeaders,
  SIGN_IN_PATHS,
  type Refusal,
  type Security,
} from './security';
import type { createTrpcRefusals } from './trpc-refusals';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';

/** A browser opening a page (not a script fetching data): sent to the sign-in page when signed out. */
const opensPage = (req: IncomingMessage) =>
  req.method === 'GET' &&
  (req.headers['sec-fetch-mode'] === 'navigate' || /text\/html/.test(req.headers.accept ?? ''));

/** Refusals that may be an attack (another site, another host) are worth a line in the log. */
export function logRefusal(
  logger: Logger,
  req: IncomingMessage,
  refusal: Refusal,
  security: Security,
): void {
  const level = refusal.status === 403 || refusal.status === 421 ? 'info' : 'debug';
  logger[level](
    {
      status: refusal.status,
      path: pathOf(req),
      host: req.headers.host,
      origin: req.headers.origin,
      address: security.info.clientAddress(req),
    },
    `refused: ${refusal.message}`,
  );
}

/**
 * Every HTTP request, in order: /health (open, for load balancers), the host and body-size
 * checks, the sign-in routes, sign-in, then /trpc (only from allowed origins), /metrics and the
 * web app. Each refusal is answered in the route's own format (tRPC JSON on /trpc).
 */
export function createRequestHandler(deps: {
  security: Security;
  refusals: ReturnType<typeof createTrpcRefusals>;
  logger: Logger;
  health: Handler;
  trpc: Handler;
  metrics: Handler;
  web: Handler;
}): Handler {
  const { security, refusals, logger } = deps;
  return (req, res) => {
    const path = pathOf(req);
    if (path === '/health' && req.method === 'GET') {
      setSecurityHeaders(res, null);
      return deps.health(req, res);
    }
    const isTrpc = path === '/trpc' || path.startsWith('/trpc/');
    const refuse = (refusal: Refusal) => {
      logRefusal(logger, req, refusal, security);
      refuseHttp(res, refusal, isTrpc ? refusals.httpBody(refusal, req.url ?? path) : undefined);
      if (refusal.status === 413) discardThenClose(req, security.maxBodyBytes);
    };
    const wrongHost = security.host(req);
    setSecurityHeaders(res, wrongHost ? null : security.info.requestedHost(req));
    const early = wrongHost ?? security.bodySize(req);
    if (early) return refuse(early);

    if (SIGN_IN_PATHS.has(path)) {
      return void security.signInRoutes(req, res, path).catch((error: unknown) => {
        logger.error({ err: error, path }, 'sign-in route failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    }
    const otherSite = isTrpc ? security.origin(req) : null;
    if (otherSite) return refuse(otherSite);
    const identity = security.auth.identify(req);
    if ('status' in identity) {
      if (identity.status === 401 && security.auth.hasToken && opensPage(req)) {
        res.writeHead(303, {
          location: `/sign-in?next=${encodeURIComponent(req.url ?? '/')}`,
          'cache-control': 'no-store',
        });
        return void res.end();
      }
      return refuse(identity);
    }
    if (isTrpc) {
      if (req.method !== 'POST') return deps.trpc(req, res);
      // Read here, within the limit and with its message; tRPC uses a body it is handed as is.
      return void readBody(req, security.maxBodyBytes).then(
        (body) => {
          (req as IncomingMessage & { body?: string }).body = body.toString('utf8');
          deps.trpc(req, res);
        },
        (error: unknown) => {
          if (error instanceof BodyTooLargeError) refuse(error.refusal);
          else res.destroy();
        },
      );
    }
    if (path === '/metrics' && req.method === 'GET') return deps.metrics(req, res);
    return deps.web(req, res);
  };
}
