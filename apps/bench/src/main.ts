import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { createClient } from '@mlb/client/node';
import { startFakeUpstream } from '@mlb/test-support';

import { measureAddedLatency } from './added-latency';
import { measureFanOut } from './fan-out';
import { measureLoad } from './load';
import { startServerProcess } from './server-process';

/**
 * pnpm bench: what the workspace adds to an answer, and how far one instance goes.
 * The built server runs in its own process; the fake upstream and every client run here.
 * Everything binds to 127.0.0.1, and every loop is bounded in count and time.
 */
const MODEL = 'gpt-4o-mini';
/** `pnpm bench --only=load` (or latency, fanout; comma-separated) runs a part. */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (part: string) => !only || only.includes(part);
/** `--levels=10,25` picks the load levels (sessions × 4 panes each). */
const levels = process.argv
  .find((a) => a.startsWith('--levels='))
  ?.slice('--levels='.length)
  .split(',')
  .map(Number) ?? [10, 25, 50, 100];

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadcast-bench-'));
  const fake = await startFakeUpstream({ flavor: 'litellm', apiKey: 'k', models: [MODEL] });
  const server = await startServerProcess(
    {
      DATABASE_URL: `file:${join(dataDir, 'bench.db')}`,
      LITELLM_BASE_URL: fake.baseUrl,
      LITELLM_MASTER_KEY: 'k',
      OLLAMA_BASE_URL: 'http://127.0.0.1:9',
      DEMO_TOKENS_PER_SECOND: '1000',
      DEMO_FIRST_TOKEN_MS: '0',
    },
    dataDir,
  );
  const client = createClient({ url: `${server.url}/trpc` });
  const results: Record<string, unknown> = {
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  };
  try {
    if (wanted('latency'))
      results.addedLatency = await measureAddedLatency({ fake, client, model: MODEL });
    if (wanted('fanout')) results.fanOut = await measureFanOut({ fake, client, model: MODEL });
    if (wanted('load')) results.load = await measureLoad({ fake, server, model: MODEL, levels });
    mkdirSync('bench-results', { recursive: true });
    const file = join(
      'bench-results',
      `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`\nJSON written to ${join(process.cwd(), file)}`);
  } finally {
    await client.close();
    await server.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
