import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from '@mlb/logger';

import type { RestApi } from './rest';
import { methodNotAllowed, NOT_FOUND, restRefusalBody, sendProblem } from './rest/problems';
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
import { acceptsHtml } from './web-assets';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';

/** A browser opening a page (not a script fetching data): sent to the sign-in page when signed out. */
const opensPage = (req: IncomingMessage) => req.method === 'GET' && acceptsHtml(req);

const isRead = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';

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
 * checks, the sign-in routes, sign-in, then /trpc and the original API's paths (only from allowed
 * origins), /metrics, the API reference and the web app. Each refusal is answered in the route's
 * own format (tRPC JSON on /trpc, FastAPI-style JSON on the original API's paths); a path or
 * method nothing serves gets a JSON 404 or 405.
 */
export function createRequestHandler(deps: {
  security: Security;
  refusals: ReturnType<typeof createTrpcRefusals>;
  logger: Logger;
  rest: RestApi;
  trpc: Handler;
  metrics: Handler;
  web: Handler;
}): Handler {
  const { security, refusals, logger, rest } = deps;
  return (req, res) => {
    const path = pathOf(req);
    if (path === '/health' && isRead(req)) {
      setSecurityHeaders(res, null);
      return rest.health(req, res);
    }
    const isTrpc = path === '/trpc' || path.startsWith('/trpc/');
    const isApi = !isTrpc && rest.isApiPath(path);
    const refuse = (refusal: Refusal) => {
      logRefusal(logger, req, refusal, security);
      refuseHttp(
        res,
        refusal,
        isTrpc
          ? refusals.httpBody(refusal, req.url ?? path)
          : isApi
            ? restRefusalBody(refusal)
            : undefined,
      );
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
    const otherSite = isTrpc || isApi ? security.origin(req) : null;
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
    if (isApi) return rest.handle(req, res, path, refuse);
    if (path === '/metrics' && req.method === 'GET') return deps.metrics(req, res);
    if (rest.reference.handles(path)) {
      if (!rest.reference.serve(req, res, path)) sendProblem(res, 404, NOT_FOUND);
      return;
    }
    // Every other path is the web app's, which only reads.
    if (!isRead(req))
      return sendProblem(res, 405, methodNotAllowed(['GET', 'HEAD']), { allow: 'GET, HEAD' });
    return deps.web(req, res);
  };
}
