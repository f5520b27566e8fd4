import { randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';

import { appRouter, type ApiContext } from '@mlb/api';
import { describeDatabaseUrl, type Db } from '@mlb/db';
import { createWorkspace, type Workspace } from '@mlb/domain';
import type { Logger } from '@mlb/logger';
import { createProviderRegistry } from '@mlb/providers';

import pkg from '../package.json' with { type: 'json' };
import type { ServerEnv } from './env';
import { createMetricsRegistry } from './metrics-text';
import { openDatabase } from './open-database';
import { createRuntimeProbe } from './runtime-stats';
import { createWebHandler, findWebDist } from './web-assets';

export interface RunningServer {
  url: string;
  port: number;
  workspace: Workspace;
  db: Db;
  /** Graceful: tell clients to reconnect, save running answers as interrupted, close everything. */
  close: () => Promise<void>;
}

export const VERSION = pkg.version;

/** Builds and starts the whole process on one port: /trpc (HTTP + WS), /health, /metrics, the web app. */
export async function startServer(env: ServerEnv, logger: Logger): Promise<RunningServer> {
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
  });
  await workspace.recover();

  let connections = () => 0;
  const runtime = createRuntimeProbe(() => connections());
  const createContext = (): ApiContext => ({
    workspace,
    runtime: runtime.read,
    requestId: randomUUID(),
  });
  const trpcHttp = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext,
    onError: ({ error, path, type }) => {
      const level = error.code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'debug';
      logger[level]({ err: error, path, type, code: error.code }, 'trpc error');
    },
  });
  const web = createWebHandler(findWebDist(cfg.WEB_DIST_DIR));
  const metricsText = createMetricsRegistry(async () => ({
    ...(await workspace.stats()),
    ...runtime.read(),
  }));

  const http = createHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/trpc' || path.startsWith('/trpc/')) return trpcHttp(req, res);
    if (path === '/health' && req.method === 'GET') return void sendHealth(res, db);
    if (path === '/metrics' && req.method === 'GET') {
      return void metricsText().then(({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType }).end(body);
      });
    }
    return web(req, res);
  });

  // Sockets are accepted only on /trpc; the same port serves HTTP.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
    onError: ({ error, path }) => logger.warn({ err: error, path }, 'trpc ws error'),
  });
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/trpc') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  });
  connections = () => wss.clients.size;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(cfg.PORT, cfg.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = cfg.HOST.includes(':') ? `[${cfg.HOST}]` : cfg.HOST;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info({ url, version: VERSION }, 'broadcast workspace listening');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down');
      wsHandler.broadcastReconnectNotification();
      await workspace.shutdown(cfg.SHUTDOWN_TIMEOUT_MS);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await db.close();
      runtime.stop();
      logger.info('stopped');
    })());

  return { url, port, workspace, db, close };
}

async function sendHealth(res: ServerResponse, db: Db): Promise<void> {
  const ok = await db.ping().catch(() => false);
  res.writeHead(ok ? 200 : 503, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  res.end(
    JSON.stringify({
      status: ok ? 'ok' : 'unavailable',
      version: VERSION,
      uptimeSeconds: Math.round(process.uptime()),
      database: ok ? 'ok' : 'error',
    }),
  );
}
