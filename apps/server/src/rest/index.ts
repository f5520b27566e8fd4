import type { IncomingMessage, ServerResponse } from 'node:http';

import type { RuntimeStats } from '@mlb/contracts';
import type { Workspace } from '@mlb/domain';
import type { Logger } from '@mlb/logger';

import type { Refusal, Security } from '../security';
import { createApiReference } from './api-reference';
import { createDispatcher } from './dispatch';
import { createProviderStatuses, healthReport, healthStatusCode } from './health-report';
import { toSnakeCase } from './json-case';
import { openApiDocument } from './openapi';
import { sendJson, sendProblem } from './problems';
import { createRoutes } from './routes';
import type { SessionArrivals } from './session-arrivals';
import { createStreamSocket, isStreamPath } from './stream-socket';

export { SessionArrivals } from './session-arrivals';

export const OPENAPI_PATH = '/openapi.json';

/**
 * The original backend's HTTP and WebSocket API (its README's routes, snake_case JSON, FastAPI's
 * errors), a thin layer over the same workspace as tRPC, with its OpenAPI document and a
 * reference page. The server's request handler runs the security guards before any of it.
 */
export function createRestApi(deps: {
  /** The workspace, observed by `arrivals` (see SessionArrivals.observe). */
  workspace: Workspace;
  arrivals: SessionArrivals;
  runtime: () => RuntimeStats;
  pingDatabase: () => Promise<boolean>;
  version: string;
  security: Security;
  logger: Logger;
}) {
  const logger = deps.logger.child({ component: 'original-api' });
  const providers = createProviderStatuses({
    check: () => deps.workspace.providersHealth(),
    logger,
  });
  const health = () =>
    healthReport({
      pingDatabase: deps.pingDatabase,
      providers,
      eventLog: () => deps.workspace.eventLogHealth(),
      version: deps.version,
    });
  const routes = createRoutes({
    workspace: deps.workspace,
    runtime: deps.runtime,
    health,
    checkProviders: providers.checkNow,
  });
  const dispatcher = createDispatcher({
    routes,
    maxBodyBytes: deps.security.maxBodyBytes,
    logger,
  });
  const firstSegments = new Set([
    ...routes.map((route) => route.path.split('/')[1]),
    'ws',
    OPENAPI_PATH.slice(1),
  ]);
  let document: string | null = null;

  return {
    /** Paths of the API: JSON answers (never the web app), Origin checked like /trpc. */
    isApiPath: (path: string) => firstSegments.has(path.split('/')[1] ?? ''),
    /** GET /health, open to load balancers (no sign-in, no Origin check). */
    health(_req: IncomingMessage, res: ServerResponse): void {
      void health().then((report) => sendJson(res, healthStatusCode(report), toSnakeCase(report)));
    },
    /** Any other request on an API path, once the guards have passed. */
    handle(
      req: IncomingMessage,
      res: ServerResponse,
      path: string,
      refuse: (refusal: Refusal) => void,
    ): void {
      if (path === OPENAPI_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        document ??= JSON.stringify(openApiDocument(routes, deps.version));
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
        return void res.end(req.method === 'HEAD' ? undefined : document);
      }
      if (isStreamPath(path))
        return sendProblem(
          res,
          426,
          {
            detail: 'Upgrade Required',
            code: 'UPGRADE_REQUIRED',
            suggestion: `Open it as a WebSocket: ws://<host>${path}`,
          },
          { upgrade: 'websocket' },
        );
      dispatcher.handle(req, res, path, refuse);
    },
    reference: createApiReference(),
    streams: createStreamSocket({
      workspace: deps.workspace,
      arrivals: deps.arrivals,
      security: deps.security,
      logger,
    }),
    isStreamPath,
  };
}

export type RestApi = ReturnType<typeof createRestApi>;
