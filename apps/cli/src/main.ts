import { createClient } from '@mlb/client/node';

import { AnswerPrinter, metricsTable } from './answer-printer';
import { parseArgs } from './args';

/**
 * A complete app on the typed client: broadcast, then follow the session from the id the
 * broadcast returned (so an answer that ends before the subscription attaches is still printed
 * whole), and exit when every answer has ended.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const client = createClient({ url: `${args.url}/trpc` });
  try {
    const result = await client.broadcast.create.mutate({
      prompt: args.prompt,
      models: args.models,
      ...(args.sessionId ? { sessionId: args.sessionId } : {}),
    });
    const printer = new AnswerPrinter(
      result.panes.map((p) => ({ messageId: p.messageId, label: `${p.providerId}/${p.modelId}` })),
      (text) => process.stdout.write(text),
    );
    console.log(
      `session ${result.sessionId}: ${result.panes.map((p) => `${p.providerId}/${p.modelId}`).join(', ')}`,
    );

    await new Promise<void>((resolve, reject) => {
      const subscription = client.sessions.events.subscribe(
        { sessionId: result.sessionId, lastEventId: result.lastEventId },
        {
          onData: ({ data }) => {
            printer.apply(data);
            if (printer.done) {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    console.log(`\n\n${metricsTable(printer.metrics())}`);
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
