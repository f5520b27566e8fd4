import type { Server } from 'node:http';
import { Socket } from 'node:net';

/**
 * With `WORKERS=N` the primary process accepts every connection and hands it to the worker with
 * the fewest open ones (connection-balancer.ts). These are the messages between them.
 */
export const CLUSTER_MESSAGES = {
  /** primary → worker, with the socket as the message's handle. */
  connection: 'mlb:connection',
  /** worker → primary: ready for connections. */
  ready: 'mlb:ready',
  /** worker → primary: one of its connections closed. */
  closed: 'mlb:closed',
} as const;

/** The worker's environment says the primary hands it connections (set by runPrimary). */
export const FROM_PRIMARY_ENV = 'BROADCAST_CONNECTIONS_FROM_PRIMARY';

/** The `type` of a message between the primary and a worker. */
export const clusterMessageType = (message: unknown): unknown =>
  typeof message === 'object' && message !== null && 'type' in message ? message.type : undefined;

/**
 * A worker's side: sockets the primary hands over are served by `http` as if it had accepted
 * them, and the primary hears when each closes. Returns `ready` (tell the primary to start
 * handing connections over) and `stop` (refuse further ones, for shutdown).
 */
export function acceptFromPrimary(http: Server): { ready: () => void; stop: () => void } {
  let stopped = false;
  const onMessage = (message: unknown, handle: unknown) => {
    if (clusterMessageType(message) !== CLUSTER_MESSAGES.connection || !(handle instanceof Socket))
      return;
    handle.once('close', () => process.send?.({ type: CLUSTER_MESSAGES.closed }));
    if (stopped) {
      handle.destroy();
      return;
    }
    http.emit('connection', handle);
    handle.resume(); // the primary accepted it paused, so no byte was read before this
  };
  process.on('message', onMessage);
  return {
    ready: () => process.send?.({ type: CLUSTER_MESSAGES.ready }),
    // Still listening after it: a socket handed over during shutdown is closed, not left open.
    stop: () => (stopped = true),
  };
}
