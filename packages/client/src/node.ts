import { WebSocket } from 'ws';

import { createClient as createIsomorphicClient, type BroadcastClient } from './create-client';
import type { LinkOptions } from './links';

/** `ws`'s WebSocket that sends `headers` on every upgrade (tRPC constructs it with the URL alone). */
function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/**
 * Node 20 has no global WebSocket: this entry supplies `ws` so Node apps need only the URL (and
 * the token of a workspace started with ACCESS_TOKEN, sent on the upgrade as a bearer header).
 */
export function createClient(options: Omit<LinkOptions, 'WebSocket'>): BroadcastClient {
  const Socket =
    options.token === undefined
      ? WebSocket
      : webSocketWithHeaders({ authorization: `Bearer ${options.token}` });
  return createIsomorphicClient({
    ...options,
    WebSocket: Socket as unknown as typeof globalThis.WebSocket,
  });
}

export * from './index';
