import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { freePort, getText, profileFlags, startChild } from './child-process';
import { readEveryProcess, readProductMetrics, type ProcessReading } from './process-readings';

const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));

export interface ServerProcess {
  url: string;
  /** Server processes answering on the port (WORKERS). */
  processes: number;
  /**
   * One read of every server process's /metrics: CPU seconds so far, event-loop delay since its
   * previous read (prom-client resets its histogram on each scrape), memory and counters.
   */
  scrape(): Promise<ProcessReading[]>;
  stop(): Promise<void>;
}

/**
 * The built server in its own process, as users run it (with WORKERS=N, N processes behind one
 * port): the benchmark's clients and fake upstreams stay in this process, so neither steals the
 * server's event loop.
 */
export async function startServerProcess(
  env: Record<string, string>,
  cwd: string,
  { processes = 1, logFile }: { processes?: number; logFile: string },
): Promise<ServerProcess> {
  if (!existsSync(SERVER_MAIN))
    throw new Error(`${SERVER_MAIN} is missing: run "pnpm build" (pnpm bench does it first).`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startChild([...profileFlags(), SERVER_MAIN], {
    cwd,
    env: {
      ...env,
      WORKERS: String(processes),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    logFile,
  });
  const readOne = async () => readProductMetrics((await getText(`${url}/metrics`)).body);
  const scrape = () => readEveryProcess(readOne, processes);
  try {
    await child.waitUntil(async () => {
      const health = await getText(`${url}/health`);
      return health.status === 200 || health.status === 503;
    }, 'the server');
    // With several processes, /health answers as soon as the first one listens.
    await child.waitUntil(async () => (await scrape()).length === processes, 'every worker');
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, processes, scrape, stop: () => child.stop() };
}
