import { createClient } from '@mlb/client/node';

import type { SessionRun } from './level-figures';
import type { ProcessReading } from './process-readings';
import { openSession } from './product-run';
import { RelaySession } from './relay/relay-client';
import type { RelayProcess } from './relay/relay-process';
import type { ServerProcess } from './server-process';

/** A session opened and followed before the clock starts, ready for one broadcast of N panes. */
export interface LoadSession {
  broadcast(prompt: string, panes: number): Promise<SessionRun>;
  close(): Promise<void>;
}

/** What a load level runs against: the product (one or several processes) or the relay. */
export interface LoadTarget {
  name: string;
  scrape(): Promise<ProcessReading[]>;
  /** A session with a client (and WebSocket) of its own. */
  openSession(): Promise<LoadSession>;
}

export function productTarget(name: string, server: ServerProcess, model: string): LoadTarget {
  return {
    name,
    scrape: () => server.scrape(),
    async openSession() {
      const client = createClient({ url: `${server.url}/trpc` });
      const feed = await openSession(client).catch(async (error: unknown) => {
        await client.close();
        throw error;
      });
      return {
        async broadcast(prompt, panes) {
          const models = Array.from({ length: panes }, () => ({
            providerId: 'litellm',
            modelId: model,
          }));
          const run = await feed.broadcast(prompt, models);
          return {
            texts: run.texts,
            events: run.events,
            duplicates: run.duplicates,
            createMs: run.createMs,
            // The final event follows the last token at once.
            streamSeconds: run.ttft.map((first, i) => (run.ttlt[i]! - first) / 1000),
          };
        },
        async close() {
          feed.close();
          await client.close();
        },
      };
    },
  };
}

export function relayTarget(relay: RelayProcess): LoadTarget {
  return {
    name: 'relay',
    scrape: () => relay.scrape(),
    async openSession() {
      const session = await RelaySession.open(relay.wsUrl);
      return {
        broadcast: (prompt, panes) => session.broadcast(prompt, panes),
        close: () => session.close(),
      };
    },
  };
}
