import { fileURLToPath } from 'node:url';

import { freePort, getText, profileFlags, startChild } from '../child-process';
import type { ProcessReading } from '../process-readings';
import type { SelfStats } from '../self-stats';

const RELAY_MAIN = fileURLToPath(new URL('./relay-server.ts', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface RelayProcess {
  /** ws:// URL a session connects to. */
  wsUrl: string;
  /** One read of /stats, shaped like a read of the product's /metrics. */
  scrape(): Promise<ProcessReading[]>;
  stop(): Promise<void>;
}

/** The minimal relay (relay-server.ts) in a process of its own, like the product's server. */
export async function startRelayProcess(upstream: {
  baseUrl: string;
  apiKey: string;
  model: string;
  logFile: string;
}): Promise<RelayProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // tsx only compiles the file as it loads; what runs afterwards is plain Node.
  const child = startChild([...profileFlags(), '--import', 'tsx', RELAY_MAIN], {
    cwd: BENCH_DIR,
    env: {
      RELAY_UPSTREAM: upstream.baseUrl,
      RELAY_API_KEY: upstream.apiKey,
      RELAY_MODEL: upstream.model,
      PORT: String(port),
    },
    logFile: upstream.logFile,
  });
  const scrape = async (): Promise<ProcessReading[]> => {
    const { status, body } = await getText(`${url}/stats`);
    if (status !== 200) throw new Error(`the relay's /stats answered ${status}`);
    const stats = JSON.parse(body) as SelfStats;
    return [{ instance: 'relay', ...stats, databaseWrites: null, answersFinished: null }];
  };
  try {
    await child.waitUntil(async () => (await getText(`${url}/stats`)).status === 200, 'the relay');
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { wsUrl: `ws://127.0.0.1:${port}`, scrape, stop: () => child.stop() };
}
