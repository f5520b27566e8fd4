import { fileURLToPath } from 'node:url';

import { controlFake, type Scenario } from '@mlb/test-support';

import { freePort, getText, startChild } from './child-process';
import type { SelfStats } from './self-stats';

const FAKE_MAIN = fileURLToPath(new URL('./fake-main.ts', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What the benchmark's parts need of the fake upstream. */
export interface Upstream {
  /** What LITELLM_BASE_URL is set to (holds /chat/completions). */
  baseUrl: string;
  /** How every following answer streams (text, chunk size, pacing). */
  setDefaultScenario(scenario: Scenario): Promise<void>;
  /** The fake's own CPU and event-loop delay since the previous read. */
  readStats(): Promise<SelfStats>;
}

export interface FakeProcess extends Upstream {
  stop(): Promise<void>;
}

/** The fake LiteLLM upstream (`@mlb/test-support`) in a process of its own. */
export async function startFakeProcess(options: {
  apiKey: string;
  model: string;
  logFile: string;
}): Promise<FakeProcess> {
  const [port, statsPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(['--import', 'tsx', FAKE_MAIN], {
    cwd: BENCH_DIR,
    env: {
      FAKE_PORT: String(port),
      FAKE_STATS_PORT: String(statsPort),
      FAKE_API_KEY: options.apiKey,
      FAKE_MODEL: options.model,
    },
    logFile: options.logFile,
  });
  try {
    // A public route of the LiteLLM flavor: answers as soon as the fake listens.
    await child.waitUntil(
      async () =>
        (await getText(`${url}/health/liveliness`)).status === 200 &&
        (await getText(`http://127.0.0.1:${statsPort}/stats`)).status === 200,
      'the fake upstream',
    );
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    // LiteLLM serves OpenAI's API at both / and /v1; the product's default base has /v1.
    baseUrl: `${url}/v1`,
    setDefaultScenario: (scenario) => controlFake(url, { scenario }),
    readStats: async () =>
      JSON.parse((await getText(`http://127.0.0.1:${statsPort}/stats`)).body) as SelfStats,
    stop: () => child.stop(),
  };
}
