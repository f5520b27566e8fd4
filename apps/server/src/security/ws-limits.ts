import type { Encoder } from '@trpc/server/adapters/ws';

import type { Refusal } from './refusal';

/** The fields of a tRPC WebSocket message the limits look at. */
export interface CallMessage {
  id: number | string | null;
  jsonrpc?: '2.0';
  method: string;
  params?: { path?: string };
}

const CALLS = new Set(['query', 'mutation', 'subscription']);

const isCall = (msg: unknown): msg is CallMessage =>
  typeof msg === 'object' &&
  msg !== null &&
  typeof (msg as { method?: unknown }).method === 'string';

/**
 * Per-connection limits, applied where tRPC decodes each WebSocket message (its `encoder` hook),
 * so a refused call never reaches a procedure and nothing is parsed twice: at most
 * `callsPerSecond` calls in any second and `subscriptions` live subscriptions. A subscription
 * stops counting when the client stops it or the server ends it (a `stopped` or error reply).
 * `refuse` answers a refused call with an error naming the limit.
 */
export function createCallLimits(options: {
  subscriptions: number;
  callsPerSecond: number;
  refuse: (call: CallMessage, refusal: Refusal) => void;
  now?: () => number;
}): Encoder {
  const now = options.now ?? Date.now;
  const live = new Set<number | string>();
  /** When the last `callsPerSecond` calls were admitted, as a ring. */
  const recent: number[] = [];
  let next = 0;

  const refusal = (message: string): Refusal => ({
    status: 429,
    code: 'TOO_MANY_REQUESTS',
    message,
  });

  const check = (call: CallMessage): Refusal | null => {
    if (call.method === 'subscription.stop') {
      if (call.id !== null) live.delete(call.id);
      return null;
    }
    if (!CALLS.has(call.method)) return null;
    const at = now();
    const oldest = recent.length < options.callsPerSecond ? undefined : recent[next];
    if (oldest !== undefined && at - oldest < 1000)
      return refusal(
        `Too many calls on this connection: at most ${options.callsPerSecond} per second (LIMIT_CALLS_PER_SECOND). Slow down and try again.`,
      );
    if (call.method === 'subscription' && call.id !== null) {
      if (live.size >= options.subscriptions)
        return refusal(
          `Too many subscriptions on this connection: at most ${options.subscriptions} at once (LIMIT_SUBSCRIPTIONS_PER_CONNECTION). Stop some before starting more.`,
        );
      live.add(call.id);
    }
    recent[next] = at;
    next = (next + 1) % options.callsPerSecond;
    return null;
  };

  return {
    decode(data) {
      if (typeof data !== 'string')
        throw new Error('Expected a text frame: tRPC messages are JSON.');
      const parsed: unknown = JSON.parse(data);
      const messages: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
      const admitted = messages.filter((msg) => {
        if (!isCall(msg)) return true;
        const refused = check(msg);
        if (refused) options.refuse(msg, refused);
        return !refused;
      });
      return admitted.length === messages.length ? parsed : admitted;
    },
    encode(data) {
      // A reply that ends a subscription frees its place.
      if (live.size > 0 && typeof data === 'object' && data !== null) {
        const reply = data as {
          id?: number | string | null;
          error?: unknown;
          result?: { type?: string };
        };
        if (reply.id != null && (reply.error !== undefined || reply.result?.type === 'stopped'))
          live.delete(reply.id);
      }
      return JSON.stringify(data);
    },
  };
}

/** WebSocket connections per client address, refused above `max` at the upgrade. */
export function createConnectionCounter(max: number) {
  const open = new Map<string, number>();
  return {
    /** Counts a connection, or says why it may not open; call `release` when it closes. */
    admit(address: string): Refusal | null {
      const count = open.get(address) ?? 0;
      if (count >= max)
        return {
          status: 429,
          code: 'TOO_MANY_REQUESTS',
          message: `Too many connections from ${address}: at most ${max} at once (LIMIT_CONNECTIONS_PER_ADDRESS). Close some before opening more.`,
        };
      open.set(address, count + 1);
      return null;
    },
    release(address: string): void {
      const count = (open.get(address) ?? 1) - 1;
      if (count <= 0) open.delete(address);
      else open.set(address, count);
    },
  };
}
