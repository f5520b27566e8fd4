import { createTRPCClient, type TRPCClient } from '@trpc/client';

import type { AppRouter } from '@mlb/api';

import { createLinks, type LinkOptions } from './links';

export type BroadcastClient = TRPCClient<AppRouter> & { close: () => Promise<void> };

/**
 * A ready typed client:
 *   const client = createClient({ url: 'http://127.0.0.1:8080/trpc' });
 *   await client.broadcast.create.mutate({ prompt, models });
 */
export function createClient(options: LinkOptions): BroadcastClient {
  const { links, close } = createLinks(options);
  const client = createTRPCClient<AppRouter>({ links });
  // The client is a proxy where every property is a procedure path: answer `close` ourselves.
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'close' ? close : (Reflect.get(target, property, receiver) as unknown),
  }) as BroadcastClient;
}
