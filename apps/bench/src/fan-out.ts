import type { BroadcastClient } from '@mlb/client/node';

import { directStream } from './direct-stream';
import type { Upstream } from './fake-process';
import { openSession } from './product-run';
import { fmt, median, table } from './stats';

/** 2. One broadcast to N panes: when every pane has its first token, and when all are done. */
export async function measureFanOut({
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
  const alone: number[] = [];
  for (let i = 0; i < 10; i += 1) alone.push((await directStream(fake, model, `alone ${i}`)).ttlt);
  const single = median(alone);
  const rows: string[][] = [];
  const figures: Record<number, unknown> = {};
  for (const n of [1, 4, 8, 16]) {
    const samples: { first: number; done: number }[] = [];
    for (let round = 0; round < 5; round += 1) {
      const feed = await openSession(client);
      const r = await feed.broadcast(
        `fan ${n}`,
        Array.from({ length: n }, () => ({ providerId: 'litellm', modelId: model })),
      );
      feed.close();
      if (r.texts.some((t) => t !== text))
        throw new Error(`fan-out ${n}: an answer arrived different from what the fake sent`);
      samples.push({ first: Math.max(...r.ttft), done: Math.max(...r.ttlt) });
    }
    const first = median(samples.map((s) => s.first));
    const done = median(samples.map((s) => s.done));
    rows.push([String(n), fmt(first), fmt(done), fmt(single), fmt(done / single, 2)]);
    figures[n] = { allFirstTokensMs: first, allDoneMs: done, slowestSinglePaneAloneMs: single };
  }
  console.log('\n2. Fan-out (one broadcast to N panes; median of 5 broadcasts each)\n');
  console.log(
    table(
      ['panes', 'all first tokens ms', 'all done ms', 'one stream alone ms', 'done vs alone'],
      rows,
    ),
  );
  return figures;
}
