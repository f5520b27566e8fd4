import { createClient } from '@mlb/client/node'; // in a browser: '@mlb/client'

const client = createClient({ url: process.env.BROADCAST_URL ?? 'http://127.0.0.1:8080/trpc' });
const { sessionId, lastEventId, panes } = await client.broadcast.create.mutate({
  prompt: 'Explain quantum computing in simple terms',
  models: [
    { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
    { providerId: 'demo', modelId: 'demo-fast' },
  ],
});
// With lastEventId the subscription replays this broadcast from its first event, however late it
// starts: a fast answer that ends before we subscribe is still received whole.
const texts = new Map<string, string>();
let open = panes.length;
const subscription = client.sessions.events.subscribe(
  { sessionId, lastEventId },
  {
    onData: ({ data: event }) => {
      if (event.type === 'token')
        texts.set(event.paneId, (texts.get(event.paneId) ?? '') + event.data.token);
      if (event.type === 'meter') {
        const pane = panes.find((p) => p.paneId === event.paneId);
        console.log(`${pane?.providerId}/${pane?.modelId}: ${texts.get(event.paneId) ?? ''}`);
        console.log(`  ${event.data.tokensUsed} tokens, $${event.data.cost ?? '?'}`);
        if (--open === 0) {
          subscription.unsubscribe();
          void client.close();
        }
      }
    },
  },
);
