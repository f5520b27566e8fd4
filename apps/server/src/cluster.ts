import cluster, { type Worker } from 'node:cluster';
import { createServer, type AddressInfo, type Socket } from 'node:net';

import type { Logger } from '@mlb/logger';

import { ConnectionBalancer } from './connection-balancer';
import { CLUSTER_MESSAGES, clusterMessageType, FROM_PRIMARY_ENV } from './primary-connections';

/** A worker that dies is started again after this long (a crash loop does not spin). */
const RESTART_DELAY_MS = 1000;

/**
 * `WORKERS=N`: this process listens on the port, forks N server processes and hands each new
 * connection to the one with the fewest open connections (their WebSockets carry the sessions'
 * streams, so this balances the streams; Node's cluster round robin did not). It starts a new
 * worker when one dies. The workers share live events and stop requests through Redis and
 * answers through PostgreSQL, so a client may reach any of them. SIGTERM / SIGINT stop every
 * worker gracefully, then this process.
 */
export function runPrimary(
  workers: number,
  logger: Logger,
  listen: { port: number; host: string },
): void {
  let stopping = false;
  const balancer = new ConnectionBalancer();
  /** Connections that arrived while no worker was ready (at start, or all restarting). */
  const waiting: Socket[] = [];

  const hand = (socket: Socket): void => {
    for (;;) {
      const id = balancer.assign();
      if (id === null) {
        waiting.push(socket);
        return;
      }
      const worker: Worker | undefined = cluster.workers?.[id];
      if (!worker?.isConnected()) {
        balancer.gone(id);
        continue;
      }
      worker.send({ type: CLUSTER_MESSAGES.connection }, socket, (error) => {
        if (!error) return;
        balancer.closed(id);
        socket.destroy();
      });
      return;
    }
  };

  const server = createServer({ pauseOnConnect: true }, hand);
  const cannotListen = (error: NodeJS.ErrnoException) => {
    const busy = error.code === 'EADDRINUSE';
    const message = busy
      ? `Port ${listen.port} on ${listen.host} is already in use: stop what uses it, or set PORT to another one.`
      : `Could not listen on ${listen.host}:${listen.port}: ${error.message}`;
    logger.fatal({ code: error.code }, message);
    console.error(message);
    process.exit(1);
  };
  server.once('error', cannotListen);

  cluster.on('message', (worker, message: unknown) => {
    const type = clusterMessageType(message);
    if (type === CLUSTER_MESSAGES.ready) {
      balancer.ready(worker.id);
      for (const socket of waiting.splice(0)) hand(socket);
    } else if (type === CLUSTER_MESSAGES.closed) balancer.closed(worker.id);
  });

  server.listen(listen.port, listen.host, () => {
    server.off('error', cannotListen);
    // Once listening, a failed accept (too many open files, say) costs that connection only.
    server.on('error', (error) => logger.error({ err: error }, 'accepting a connection failed'));
    // Workers are told the port actually bound (PORT=0 picks one), for their logs and links.
    const { port } = server.address() as AddressInfo;
    const fork = () => cluster.fork({ [FROM_PRIMARY_ENV]: '1', PORT: String(port) });
    for (let i = 0; i < workers; i += 1) fork();
    cluster.on('exit', (worker, code, signal) => {
      balancer.gone(worker.id);
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      logger.error(
        { pid: worker.process.pid, code, signal },
        'a server process died; starting another',
      );
      setTimeout(fork, RESTART_DELAY_MS).unref();
    });
    logger.info({ workers, port }, 'started server processes; connections go to the least busy');
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.close();
    for (const socket of waiting.splice(0)) socket.destroy();
    logger.info(
      { signal, workers: Object.keys(cluster.workers ?? {}).length },
      'stopping the server processes',
    );
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
