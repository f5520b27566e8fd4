import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { createHTTPHandler } from '@trpc/server/adapters/standalone';

import { appRouter, type ApiContext } from '@mlb/api';
import { describeDatabaseUrl, type Db } from '@mlb/db';
import { createWorkspace, type Workspace } from '@mlb/domain';
import type { Logger } from '@mlb/logger';
import { createProviderRegistry } from '@mlb/providers';

import pkg from '../package.json' with { type: 'json' };
import type { ServerEnv } from './env';
import { createRequestHandler, pathOf } from './http-handler';
import { createMetricsRegistry } from './metrics-text';
import { DatabaseStartError, openDatabase } from './open-database';
import { acceptFromPrimary } from './primary-connections';
import { createRestApi, SessionArrivals } from './rest';
import { NOT_FOUND, sendProblem } from './rest/problems';
import { createRuntimeProbe } from './runtime-stats';
import { createSecurity, maxMessageBytes } from './security';
import { createTrpcRefusals } from './trpc-refusals';
import { createWebHandler, findWebDist } from './web-assets';
import { createTrpcWebSocket } from './websocket';

export interface RunningServer {
  url: string;
  port: number;
  workspace: Workspace;
  db: Db;
  /** Graceful: tell clients to reconnect, save running answers as interrupted, close everything. */
  close: () => Promise<void>;
}

export const VERSION = pkg.version;

/**
 * Builds and starts the whole process on one port: /trpc (HTTP + WS), the original backend's API
 * (HTTP + /ws/{session_id}, /openapi.json, /docs), /health, /metrics, the web app.
 */
export async function startServer(
  env: ServerEnv,
  logger: Logger,
  /** A worker of `WORKERS=N`: the primary accepts connections and hands them over. */
  options: { acceptFromPrimary?: boolean } = {},
): Promise<RunningServer> {
  const { server: cfg } = env;
  const db = await openDatabase(cfg.DATABASE_URL, logger, cfg.DATABASE_WAIT_MS);
  logger.info({ database: describeDatabaseUrl(cfg.DATABASE_URL) }, 'database ready');
  const registry = createProviderRegistry(env.providers);
  const workspace = createWorkspace({
    db,
    registry,
    logger: logger.child({ component: 'workspace' }),
    version: VERSION,
    settings: {
      coalesceWindowMs: cfg.COALESCE_WINDOW_MS,
      persistIntervalMs: cfg.PERSIST_INTERVAL_MS,
      maxConcurrentStreams: cfg.MAX_CONCURRENT_STREAMS,
      maxUnsavedChars: cfg.MAX_UNSAVED_CHARS,
    },
    ...(cfg.REDIS_URL ? { redis: { url: cfg.REDIS_URL, prefix: cfg.REDIS_PREFIX } } : {}),
  });
  if (db.provider === 'sqlite') await refuseSharedSqlite(workspace, db, cfg.DATABASE_URL);
  await workspace.recover();
  // Broadcasts through either API announce new sessions to /ws sockets waiting for them.
  const arrivals = new SessionArrivals();
  const observed = arrivals.observe(workspace);

  // The largest valid input bounds every HTTP body and WebSocket message.
  const maxMessage = maxMessageBytes(appRouter);
  let port = cfg.PORT;
  const security = createSecurity(cfg, { maxBodyBytes: maxMessage, ownPort: () => port });
  const refusals = createTrpcRefusals(appRouter);
  let connections = () => 0;
  const runtime = createRuntimeProbe(() => connections());
  const createContext = (): ApiContext => ({
    workspace: observed,
    runtime: runtime.read,
    requestId: randomUUID(),
  });
  const trpcHttp = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext,
    // Bodies are read (within the limit) before tRPC gets the request; this is a second guard.
    maxBodySize: maxMessage,
    onError: ({ error, path, type }) => {
      const level = error.code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'debug';
      logger[level]({ err: error, path, type, code: error.code }, 'trpc error');
    },
  });
  const metricsText = createMetricsRegistry(async () => ({
    ...(await workspace.stats()),
    ...runtime.read(),
  }));
  const socket = createTrpcWebSocket({
    router: appRouter,
    createContext,
    security,
    refusals,
    maxPayload: maxMessage,
    limits: {
      subscriptions: cfg.LIMIT_SUBSCRIPTIONS_PER_CONNECTION,
      callsPerSecond: cfg.LIMIT_CALLS_PER_SECOND,
    },
    logger,
  });
  const { wss } = socket;
  const rest = createRestApi({
    workspace: observed,
    arrivals,
    runtime: runtime.read,
    pingDatabase: () => db.ping(),
    version: VERSION,
    security,
    logger,
  });

  const http = createHttpServer(
    createRequestHandler({
      security,
      refusals,
      logger,
      rest,
      trpc: trpcHttp,
      metrics: (_req, res) =>
        void metricsText().then(({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType }).end(body);
        }),
      web: createWebHandler(findWebDist(cfg.WEB_DIST_DIR), (_req, res) =>
        sendProblem(res, 404, NOT_FOUND),
      ),
    }),
  );
  http.on('upgrade', (req: IncomingMessage, duplex: Duplex, head: Buffer) =>
    rest.isStreamPath(pathOf(req))
      ? rest.streams.upgrade(req, duplex, head)
      : socket.upgrade(req, duplex, head),
  );
  connections = () => wss.clients.size + rest.streams.count();

  const fromPrimary = options.acceptFromPrimary ? acceptFromPrimary(http) : null;
  if (!fromPrimary) {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(cfg.PORT, cfg.HOST, () => resolve());
    });
    ({ port } = http.address() as AddressInfo);
  }
  const host = cfg.HOST.includes(':') ? `[${cfg.HOST}]` : cfg.HOST;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info({ url, version: VERSION }, 'broadcast workspace listening');
  if (!security.auth.required && !isLoopback(cfg.HOST))
    logger.warn(
      { host: cfg.HOST },
      'listening beyond this machine without sign-in: anyone who reaches this port can use your provider keys. Set ACCESS_TOKEN (see docs/security.md).',
    );

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down');
      fromPrimary?.stop();
      socket.broadcastReconnectNotification();
      rest.streams.close();
      await workspace.shutdown(cfg.SHUTDOWN_TIMEOUT_MS);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await rest.streams.terminate();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await db.close();
      runtime.stop();
      logger.info('stopped');
    })());

  fromPrimary?.ready();
  return { url, port, workspace, db, close };
}

const isLoopback = (host: string) => ['127.0.0.1', '::1', 'localhost'].includes(host);

/**
 * SQLite serves one server process: two writing one file lose each other's answers to lock
 * timeouts, and neither can reach the other's runs. A second process is refused, saying why.
 */
async function refuseSharedSqlite(workspace: Workspace, db: Db, url: string): Promise<void> {
  const others = await workspace.otherInstances();
  if (others.length === 0) return;
  await workspace.shutdown(0);
  await db.close();
  const other = others[0]!;
  throw new DatabaseStartError(
    `Another server process (pid ${other.pid ?? '?'} on ${other.hostname ?? 'another host'}) is using this SQLite database (DATABASE_URL=${describeDatabaseUrl(url)}). ` +
      'SQLite is safe for one server process only: stop the other one, or run several with PostgreSQL (DATABASE_URL=postgresql://…) and Redis (REDIS_URL).',
  );
}
