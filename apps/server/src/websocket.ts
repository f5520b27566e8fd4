import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { getWSConnectionHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';

import type { ApiContext, AppRouter } from '@mlb/api';
import type { Logger } from '@mlb/logger';

import { batchWrites } from './batched-writes';
import { logRefusal, pathOf } from './http-handler';
import {
  createCallLimits,
  firstRefusal,
  refuseUpgrade,
  type Refusal,
  type Security,
} from './security';
import type { createTrpcRefusals } from './trpc-refusals';

/**
 * The checks every WebSocket upgrade passes before a socket opens, as HTTP requests do (host,
 * origin, sign-in), then the route's own `check`, then the per-address connection cap. A refused
 * upgrade is answered with its status and closed; an admitted one is counted until it closes.
 */
export function admitUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  security: Security,
  logger: Logger,
  check: () => Refusal | null = () => null,
): boolean {
  const address = security.info.clientAddress(req);
  const refusal =
    firstRefusal(req, [security.host, security.origin, security.auth.guard]) ??
    check() ??
    security.connections.admit(address);
  if (refusal) {
    logRefusal(logger, req, refusal, security);
    refuseUpgrade(socket, refusal);
    return false;
  }
  // Counted until the socket closes, whether the handshake completes or not.
  socket.once('close', () => security.connections.release(address));
  return true;
}

/**
 * tRPC over WebSocket on /trpc. The upgrade passes the same checks as HTTP (host, origin,
 * sign-in) plus the per-address connection cap before a socket opens; each connection then has
 * its own call limits, and a message may be at most `maxPayload` bytes (the largest valid input).
 */
export function createTrpcWebSocket(options: {
  router: AppRouter;
  createContext: () => ApiContext;
  security: Security;
  refusals: ReturnType<typeof createTrpcRefusals>;
  maxPayload: number;
  limits: { subscriptions: number; callsPerSecond: number };
  logger: Logger;
}) {
  const { security, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });

  wss.on('connection', (client, req: IncomingMessage) => {
    batchWrites(client);
    const encoder = createCallLimits({
      ...options.limits,
      refuse: (call, refusal) => {
        logger.debug({ path: call.params?.path }, `refused: ${refusal.message}`);
        client.send(encoder.encode(options.refusals.wsReply(call, refusal)));
      },
    });
    getWSConnectionHandler({
      wss,
      router: options.router,
      createContext: options.createContext,
      keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
      experimental_encoder: encoder,
      onError: ({ error, path }) => {
        const code = (error.cause as { code?: unknown } | undefined)?.code;
        if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
          logger.info(
            { maxPayload: options.maxPayload },
            'websocket message over the size limit: connection closed (1009)',
          );
        else if (error.code === 'INTERNAL_SERVER_ERROR')
          logger.error({ err: error, path }, 'trpc ws error');
        else logger.debug({ code: error.code, path, message: error.message }, 'trpc ws error');
      },
    })(client, req);
  });

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (pathOf(req) !== '/trpc') return void socket.destroy();
    if (!admitUpgrade(req, socket, security, logger)) return;
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  }

  return {
    wss,
    upgrade,
    /** Tells every client to reconnect (before a restart), as tRPC's applyWSSHandler does. */
    broadcastReconnectNotification(): void {
      const message = JSON.stringify({ id: null, method: 'reconnect' });
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(message);
    },
  };
}
