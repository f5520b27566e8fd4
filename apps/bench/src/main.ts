import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaneEvent } from '@mlb/contracts';
import { createClient, type BroadcastClient } from '@mlb/client/node';
import { silentLogger } from '@mlb/logger';
import { loadEnv, startServer, type RunningServer } from '@mlb/server';
import { startFakeUpstream, type FakeUpstream } from '@mlb/test-support';
import { fmt, median, percentile, table } from './stats';

/**
 * pnpm bench: what the workspace adds to an answer, and how far one instance goes.
 * Everything binds to 127.0.0.1; every loop is bounded in count and time.
 */
const MODEL = 'gpt-4o-mini';
const results: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };

async function directStream(fake: FakeUpstream, prompt: string): Promise<{ ttft: number; ttlt: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`${fake.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify({ model: MODEL, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: prompt }] }),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let ttft = -1;
  let buffer = '';
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const e of events) {
      const data = e.replace(/^data: /, '');
      if (data === '[DONE]') continue;
      const delta = (JSON.parse(data) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content;
      if (delta) {
        if (ttft < 0) ttft = performance.now() - started;
        text += delta;
      }
    }
  }
  return { ttft, ttlt: performance.now() - started, text };
}

/** Broadcasts on an already-subscribed session and times every pane's first and last token. */
async function productRun(client: BroadcastClient, sessionId: string, prompt: string, panes: number): Promise<{ ttft: number[]; ttlt: number[]; texts: Map<string, string>; events: number; duplicates: number }> {
  const texts = new Map<string, string>();
  const firsts = new Map<string, number>();
  const lasts = new Map<string, number>();
  let events = 0;
  let duplicates = 0;
  let messageIds: Set<string> | null = null;
  let started = 0;
  const seen = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench run timed out')), 60_000);
    let subscribed = false;
    const sub = client.sessions.events.subscribe(
      { sessionId },
      {
        onStarted: () => {
          if (subscribed) return;
          subscribed = true;
          started = performance.now();
          void client.broadcast.create
            .mutate({ sessionId, prompt, models: Array.from({ length: panes }, () => ({ providerId: 'litellm', modelId: MODEL })) })
            .then((r) => (messageIds = new Set(r.panes.map((p) => p.messageId))), reject);
        },
        onData: ({ id, data }: { id: string; data: PaneEvent }) => {
          if (seen.has(id)) {
            duplicates += 1;
            return;
          }
          seen.add(id);
          events += 1;
          // A snapshot (subscription attached after the answer began) carries the text sent so far.
          if (data.type === 'status' && data.data.content !== undefined) texts.set(data.messageId, data.data.content);
          if (data.type === 'token') {
            if (!firsts.has(data.messageId)) firsts.set(data.messageId, performance.now() - started);
            texts.set(data.messageId, (texts.get(data.messageId) ?? '') + data.data.token);
          } else if (data.type === 'final') {
            lasts.set(data.messageId, performance.now() - started);
          }
          if (messageIds && [...messageIds].every((m) => lasts.has(m))) {
            clearTimeout(timer);
            sub.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      },
    );
  });
  const ours = messageIds ?? new Set<string>();
  const pick = <T>(map: Map<string, T>) => [...map.entries()].filter(([id]) => ours.has(id)).map(([, v]) => v);
  return { ttft: pick(firsts), ttlt: pick(lasts), texts: new Map([...texts].filter(([id]) => ours.has(id))), events, duplicates };
}

async function newSession(client: BroadcastClient): Promise<string> {
  const seed = await client.broadcast.create.mutate({ prompt: 'seed', models: [{ providerId: 'demo', modelId: 'demo-fast' }] });
  return seed.sessionId;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadcast-bench-'));
  const fake = await startFakeUpstream({ flavor: 'litellm', apiKey: 'k', models: [MODEL] });
  const env = loadEnv({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `file:${join(dataDir, 'bench.db')}`,
    LITELLM_BASE_URL: fake.baseUrl,
    LITELLM_MASTER_KEY: 'k',
    OLLAMA_BASE_URL: 'http://127.0.0.1:9',
    DEMO_TOKENS_PER_SECOND: '1000',
    DEMO_FIRST_TOKEN_MS: '0',
  });
  const server: RunningServer = await startServer(env, silentLogger);
  const client = createClient({ url: `${server.url}/trpc` });
  try {
    // 1. Added latency at light load: same fake stream, direct vs through the product.
    const words = 40;
    const text = Array.from({ length: words }, (_, i) => `tok${i}`).join(' ');
    fake.setDefaultScenario({ text, chunkSize: 6, firstTokenDelayMs: 20, tokenDelayMs: 5 });
    const runs = 30;
    const direct = { ttft: [] as number[], ttlt: [] as number[] };
    const product = { ttft: [] as number[], ttlt: [] as number[] };
    const sessionId = await newSession(client);
    for (let i = 0; i < runs; i += 1) {
      const d = await directStream(fake, `q${i}`);
      direct.ttft.push(d.ttft);
      direct.ttlt.push(d.ttlt);
      const p = await productRun(client, sessionId, `q${i}`, 1);
      product.ttft.push(...p.ttft);
      product.ttlt.push(...p.ttlt);
    }
    const row = (name: string, a: number[], b: number[]) => [name, fmt(median(a)), fmt(median(b)), fmt(median(b) - median(a)), fmt(median(b) / median(a), 2), fmt(percentile(a, 99)), fmt(percentile(b, 99)), fmt(percentile(b, 99) - percentile(a, 99))];
    console.log(`\n1. Added latency (${runs} runs, one pane, fake upstream: 20 ms to first token, ${Math.ceil(text.length / 6)} chunks 5 ms apart)\n`);
    console.log(table(['ms', 'direct p50', 'product p50', 'added p50', 'ratio', 'direct p99', 'product p99', 'added p99'], [row('first token', direct.ttft, product.ttft), row('last token', direct.ttlt, product.ttlt)]));
    results.addedLatency = { runs, direct, product, addedTtftP50: median(product.ttft) - median(direct.ttft), addedTtftP99: percentile(product.ttft, 99) - percentile(direct.ttft, 99) };

    // 2. Fan-out: one broadcast to N panes vs the slowest single pane alone.
    const fanRows: string[][] = [];
    const fan: Record<number, unknown> = {};
    for (const n of [1, 4, 8, 12]) {
      const s = await newSession(client);
      const r = await productRun(client, s, `fan ${n}`, n);
      fanRows.push([String(n), fmt(Math.max(...r.ttft)), fmt(Math.max(...r.ttlt)), fmt(Math.max(...r.ttlt) / median(direct.ttlt), 2)]);
      fan[n] = { allFirstTokensMs: Math.max(...r.ttft), totalMs: Math.max(...r.ttlt) };
    }
    console.log('\n2. Fan-out (one broadcast; at most 12 panes per broadcast)\n');
    console.log(table(['panes', 'all first tokens ms', 'all done ms', 'vs single direct'], fanRows));
    results.fanOut = fan;

    // 3 + 4. Load: K sessions × 4 panes at 50 tokens/s, at 1×, 2×, 4×.
    const tokensPerAnswer = 100;
    const loadText = Array.from({ length: tokensPerAnswer }, (_, i) => `w${i}`).join(' ') + ' ';
    fake.setDefaultScenario({ text: loadText, chunkSize: Math.ceil(loadText.length / tokensPerAnswer), tokenDelayMs: 20, firstTokenDelayMs: 50 });
    const loadRows: string[][] = [];
    const load: unknown[] = [];
    for (const sessions of [10, 20, 40]) {
      const ids = await Promise.all(Array.from({ length: sessions }, () => newSession(client)));
      const writesBefore = server.workspace.writeCounters();
      const cpuBefore = process.cpuUsage();
      const memBefore = process.memoryUsage().rss;
      const started = performance.now();
      const outcomes = await Promise.all(ids.map((id, i) => productRun(client, id, `load ${i}`, 4)));
      const seconds = (performance.now() - started) / 1000;
      const stats = await client.stats.get.query();
      const cpu = process.cpuUsage(cpuBefore);
      const writes = server.workspace.writeCounters();
      let lost = 0;
      let wrong = 0;
      const duplicates = outcomes.reduce((n, o) => n + o.duplicates, 0);
      for (const o of outcomes) {
        if (o.texts.size !== 4) lost += 4 - o.texts.size;
        for (const t of o.texts.values()) {
          if (t.length < loadText.length) lost += 1;
          if (t !== loadText) wrong += 1;
        }
      }
      const events = outcomes.reduce((n, o) => n + o.events, 0);
      const streams = sessions * 4;
      const rowData = {
        sessions,
        streams,
        eventsPerSecond: events / seconds,
        answersWithLostText: lost,
        answersWithWrongText: wrong,
        duplicateEvents: duplicates,
        eventLoopLagP99Ms: stats.eventLoopLagMs.p99,
        cpuPercent: ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100,
        rssMb: stats.memory.rssBytes / 1e6,
        memoryPerStreamKb: Math.max(0, stats.memory.rssBytes - memBefore) / streams / 1000,
        dbWritesPerAnswer: (writes.dbWrites - writesBefore.dbWrites) / Math.max(1, writes.answers - writesBefore.answers),
        seconds,
      };
      load.push(rowData);
      loadRows.push([`${sessions}×4`, fmt(rowData.eventsPerSecond, 0), `${lost}/${wrong}/${duplicates}`, fmt(rowData.eventLoopLagP99Ms), fmt(rowData.cpuPercent, 0), fmt(rowData.memoryPerStreamKb, 0), fmt(rowData.dbWritesPerAnswer, 1), fmt(seconds, 1)]);
    }
    console.log(`\n3/4. Load: sessions × 4 panes, ${tokensPerAnswer} tokens per answer at 50 tokens/s (server and clients share this process)\n`);
    console.log(table(['load', 'events/s', 'short/wrong answers, dup events', 'loop lag p99 ms', 'cpu %', 'KB/stream', 'db writes/answer', 'seconds'], loadRows));
    results.load = load;
    mkdirSync('bench-results', { recursive: true });
    const file = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`\nJSON written to ${join(process.cwd(), file)}`);
  } finally {
    await client.close();
    await server.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
