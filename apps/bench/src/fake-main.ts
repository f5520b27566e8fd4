import { createServer } from 'node:http';

import { startFakeUpstream } from '@mlb/test-support';

import { startSelfStats } from './self-stats';

/**
 * The fake LiteLLM upstream in a process of its own (fake-process.ts starts it with FAKE_PORT,
 * FAKE_STATS_PORT, FAKE_API_KEY and FAKE_MODEL), so pacing hundreds of streams does not share an
 * event loop with the benchmark's clients. It is steered over its /__control routes; its own CPU
 * and event-loop delay are on FAKE_STATS_PORT's GET /stats (a late fake paces streams slower).
 */
const readStats = startSelfStats();
const fake = await startFakeUpstream({
  flavor: 'litellm',
  apiKey: process.env.FAKE_API_KEY,
  models: [process.env.FAKE_MODEL ?? 'gpt-4o-mini'],
  port: Number(process.env.FAKE_PORT),
});
const stats = createServer((_req, res) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(readStats())),
).listen(Number(process.env.FAKE_STATS_PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  stats.close();
  void fake.close().then(() => process.exit(0));
});
