import { createWSClient, httpLink, splitLink, wsLink, type TRPCLink } from '@trpc/client';

import type { AppRouter } from '@mlb/api';

import { replaceBatchSend } from './batch-send';
import {
  connectionErrorsLink,
  describeRefusedUpgrade,
  refusedUpgradeStatus,
} from './connection-errors';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface LinkOptions {
  /** HTTP endpoint of tRPC, e.g. http://127.0.0.1:8080/trpc */
  url: string;
  /** WebSocket endpoint; derived from `url` (http→ws) when absent. */
  wsUrl?: string;
  /**
   * WebSocket implementation where there is no global one (Node 20): pass `ws`'s WebSocket.
   * With `token`, it must send the Authorization header on the upgrade (`@mlb/client/node` does).
   */
  WebSocket?: typeof globalThis.WebSocket;
  /**
   * The workspace's ACCESS_TOKEN, when it was started with one: sent as `Authorization: Bearer`
   * on HTTP calls and on the WebSocket upgrade. Browsers cannot set that header on a WebSocket:
   * a page signs in on the workspace's sign-in page (a cookie) instead.
   */
  token?: string;
  onConnectionChange?: (state: ConnectionState) => void;
  /** Extra headers for HTTP calls (e.g. an auth proxy); implies `transport: 'http'` unless given. */
  headers?: () => Record<string, string>;
  /**
   * Where queries and mutations go; subscriptions always use the WebSocket.
   * - 'websocket' (default): the socket the subscriptions already hold open. A broadcast then
   *   reaches the server without an HTTP request of its own (3–6 ms sooner to the first token,
   *   see the README's Performance section). Calls made while it reconnects wait for it; a call
   *   in flight when it drops fails with "WebSocket closed".
   * - 'http': one HTTP request per call, independent of the socket (and the only way to send `headers`).
   */
  transport?: 'websocket' | 'http';
}

export function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//, 'ws$1://');
}

/** Exponential backoff with full jitter, capped, so a restarted server is not stampeded. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10_000, 250 * 2 ** attempt);
  return Math.max(100, Math.round(random() * ceiling));
}

export interface Links {
  links: TRPCLink<AppRouter>[];
  /** Closes the WebSocket for good (no reconnect). */
  close: () => Promise<void>;
}

/**
 * The one correct link setup: subscriptions over WebSocket (keep-alive, reconnect with jitter,
 * resumption through tracked ids), queries and mutations over that socket or plain HTTP requests
 * (not batched: batching waits a tick and streams a multiplexed body, which cost 2–6 ms per call
 * here and bought nothing, since the workspace seldom fires calls together). Plain JSON: every
 * input and output is JSON already (dates are ISO strings), so no transformer runs per event.
 */
export function createLinks(options: LinkOptions): Links {
  if (options.token !== undefined && !options.WebSocket)
    throw new Error(
      'A token needs a WebSocket that sends headers: use createClient from @mlb/client/node, or sign in on the workspace page in a browser.',
    );
  options.onConnectionChange?.('connecting');
  const wsClient = createWSClient({
    url: options.wsUrl ?? toWebSocketUrl(options.url),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    keepAlive: { enabled: true, intervalMs: 10_000, pongTimeoutMs: 5_000 },
    retryDelayMs: (attempt) => reconnectDelayMs(attempt),
    onOpen: () => options.onConnectionChange?.('open'),
    onClose: () => options.onConnectionChange?.('closed'),
  });
  replaceBatchSend(wsClient);
  // A refused upgrade (wrong token, host or origin) will be refused again: stop, and say why.
  let refusal: string | null = null;
  wsClient.connectionState.subscribe({
    next: (state) => {
      if (state.state === 'pending') refusal = null;
      const status = state.error ? refusedUpgradeStatus(state.error) : null;
      const reason = status ? describeRefusedUpgrade(status, options.token !== undefined) : null;
      if (reason) {
        refusal = reason;
        void wsClient.close();
      }
    },
  });
  const socket = wsLink<AppRouter>({ client: wsClient });
  const transport = options.transport ?? (options.headers ? 'http' : 'websocket');
  const headers = () => ({
    ...options.headers?.(),
    ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
  });
  const links: TRPCLink<AppRouter>[] = [
    connectionErrorsLink(() => refusal),
    transport === 'websocket'
      ? socket
      : splitLink({
          condition: (op) => op.type === 'subscription',
          true: socket,
          false: httpLink({ url: options.url, headers }),
        }),
  ];
  return { links, close: () => wsClient.close() };
}
