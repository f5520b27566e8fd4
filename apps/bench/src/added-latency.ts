import type { BroadcastClient } from '@mlb/client/node';

import { directStream } from './direct-stream';
import type { Upstream } from './fake-process';
import { openSession } from './product-run';
import { fmt, median, percentile, table } from './stats';

/** 1. The same fake stream read directly and through the product, alternately, at light load. */
export async function measureAddedLatency({
  fake,
  client,
  model,
}: {
  fake: Upstream;
  client: BroadcastClient;
  model: string;
}) {
  const text = Array.from({ length: 40 }, (_, i) => `tok${i}`).join(' ');
  await fake.setDefaultScenario({ text, chunkSize: 6, firstTokenDelayMs: 20, tokenDelayMs: 5 });
  const warmup = 5;
  const runs = 60;
  const direct = { ttft: [] as number[], ttlt: [] as number[] };
  const product = { ttft: [] as number[], ttlt: [] as number[], serverTtft: [] as number[] };
  for (let i = 0; i < warmup + runs; i += 1) {
    const d = await directStream(fake, model, `q${i}`);
    // A session of its own per run (opened and followed before the clock starts), so every
    // product request carries a thread as short as the direct one: the seed turn and the prompt.
    const feed = await openSession(client);
    const p = await feed.broadcast(`q${i}`, [{ providerId: 'litellm', modelId: model }]);
    feed.close();
    if (p.texts[0] !== text || d.text !== text)
      throw new Error('an answer arrived different from what the fake sent');
    if (i < warmup) continue;
    direct.ttft.push(d.ttft);
    direct.ttlt.push(d.ttlt);
    product.ttft.push(p.ttft[0]!);
    product.ttlt.push(p.ttlt[0]!);
    product.serverTtft.push(p.serverTtft[0]!);
  }
  const row = (name: string, a: number[], b: number[]) => [
    name,
    fmt(median(a)),
    fmt(median(b)),
    fmt(median(b) - median(a)),
    fmt(median(b) / median(a), 2),
    fmt(percentile(a, 99)),
    fmt(percentile(b, 99)),
    fmt(percentile(b, 99) - percentile(a, 99)),
  ];
  console.log(
    `\n1. Added latency (${runs} runs after ${warmup} warm-up, one pane, fake upstream: 20 ms to first token, ${Math.ceil(text.length / 6)} chunks 5 ms apart)\n`,
  );
  console.log(
    table(
      [
        'ms',
        'direct p50',
        'product p50',
        'added p50',
        'ratio',
        'direct p99',
        'product p99',
        'added p99',
      ],
      [row('first token', direct.ttft, product.ttft), row('last token', direct.ttlt, product.ttlt)],
    ),
  );
  // The server's meter times the provider call alone (from the answer's start to its first
  // token), which splits the added time into the call itself and everything around it.
  const insideCall = median(product.serverTtft) - median(direct.ttft);
  const aroundCall = median(product.ttft) - median(product.serverTtft);
  console.log(
    `\nWhere the added first-token time goes (medians; the server's meter counts whole ms):\n` +
      `  in the provider call   ${fmt(insideCall)} ms  server-measured first token ${fmt(median(product.serverTtft))} vs the plain client's ${fmt(median(direct.ttft))}: building the request, parsing the stream, one more process hop\n` +
      `  around it              ${fmt(aroundCall)} ms  the typed client's send, tRPC, reading the session's threads, and the token's way back over the WebSocket`,
  );
  return {
    runs,
    breakdown: { insideCallMs: insideCall, aroundCallMs: aroundCall },
    direct,
    product,
    addedTtftP50: median(product.ttft) - median(direct.ttft),
    addedTtftP99: percentile(product.ttft, 99) - percentile(direct.ttft, 99),
    addedTtltP50: median(product.ttlt) - median(direct.ttlt),
  };
}
