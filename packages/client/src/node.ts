import { WebSocket } from 'ws';

import { createClient as createIsomorphicClient, type BroadcastClient } from './create-client';
import type { LinkOptions } from './links';

/** Node 20 has no global WebSocket: this entry supplies `ws` so Node apps need only the URL. */
export function createClient(options: Omit<LinkOptions, 'WebSocket'>): BroadcastClient {
  return createIsomorphicClient({
    ...options,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

export * from './index';
