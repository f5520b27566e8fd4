import cluster from 'node:cluster';

import type { Logger } from '@mlb/logger';

/** A worker that dies is started again after this long (a crash loop does not spin). */
const RESTART_DELAY_MS = 1000;

/**
 * `WORKERS=N`: this process forks N server processes that share the port (Node's cluster
 * module hands them connections in turn) and starts a new one when one dies. The workers share
 * live events and stop requests through Redis and answers through PostgreSQL, so a client may
 * reach any of them. SIGTERM / SIGINT stop every worker gracefully, then this process.
 */
export function runPrimary(workers: number, logger: Logger): void {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
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
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal, workers: Object.keys(cluster.workers ?? {}).length },
      'stopping the server processes',
    );
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.info({ workers }, 'started server processes sharing the port');
}
