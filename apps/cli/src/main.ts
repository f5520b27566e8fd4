import { createClient } from '@mlb/client/node';
import type { MeterEvent, PaneEvent } from '@mlb/contracts';

import { parseArgs } from './args';

/** A complete app on the typed client: broadcast, then print every pane streaming. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const client = createClient({ url: `${args.url}/trpc` });
  const result = await client.broadcast.create.mutate({
    prompt: args.prompt,
    models: args.models,
    ...(args.sessionId ? { sessionId: args.sessionId } : {}),
  });
  const labels = new Map(result.panes.map((p) => [p.paneId, `${p.providerId}/${p.modelId}`]));
  const waiting = new Set(result.panes.map((p) => p.messageId));
  const meters = new Map<string, MeterEvent['data']>();
  let current: string | null = null;
  console.log(`session ${result.sessionId}: ${[...labels.values()].join(', ')}\n`);

  await new Promise<void>((resolve, reject) => {
    const subscription = client.sessions.events.subscribe(
      { sessionId: result.sessionId },
      {
        onData: ({ data: event }: { data: PaneEvent }) => {
          if (!waiting.has(event.messageId) && event.type !== 'meter') return;
          const label = labels.get(event.paneId) ?? event.paneId;
          if (event.type === 'token') {
            if (current !== event.paneId) process.stdout.write(`\n[${label}] `);
            current = event.paneId;
            process.stdout.write(event.data.token);
          } else if (event.type === 'error') {
            process.stdout.write(
              `\n[${label}] error (${event.data.kind}): ${event.data.message} — ${event.data.suggestion}\n`,
            );
            current = null;
          } else if (event.type === 'meter') {
            // The meter is the last event of an answer (after final): stop when every pane has one.
            meters.set(event.paneId, event.data);
            waiting.delete(event.messageId);
            if (waiting.size === 0) {
              subscription.unsubscribe();
              resolve();
            }
          }
        },
        onError: reject,
      },
    );
  });
  console.log(
    '\n\nmodel                               in     out    cost($)   ttft(ms)  tok/s   latency(ms)',
  );
  for (const [paneId, label] of labels) {
    const m = meters.get(paneId);
    if (!m) continue;
    console.log(
      `${label.padEnd(34)} ${String(m.inputTokens).padStart(5)} ${String(m.outputTokens).padStart(6)} ${(m.cost ?? 0).toFixed(6).padStart(10)} ${String(m.ttftMs ?? '-').padStart(9)} ${(m.tokensPerSecond?.toFixed(1) ?? '-').padStart(6)} ${String(m.latencyMs).padStart(11)}`,
    );
  }
  await client.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
