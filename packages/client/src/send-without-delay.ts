import { TRPCClientError, type createWSClient } from '@trpc/client';

type WsClient = ReturnType<typeof createWSClient>;

/** The parts of tRPC's WebSocket client (11.x) that its `batchSend` uses. */
interface Internals {
  batchSend: (
    message: { id: number | string },
    callbacks: { error: (e: unknown) => void },
  ) => () => void;
  inactivityTimeout: { reset: () => void };
  activeConnection: { isOpen: () => boolean };
  open: () => Promise<void>;
  send: (messages: unknown) => void;
  requestManager: {
    hasOutgoingRequests: () => boolean;
    flush: () => { message: unknown }[];
    register: (message: unknown, callbacks: unknown) => () => void;
    delete: (id: number | string) => void;
  };
}

const internalsOf = (client: object): Internals | null => {
  const c = client as Partial<Internals>;
  const ok =
    typeof c.batchSend === 'function' &&
    typeof c.inactivityTimeout?.reset === 'function' &&
    typeof c.activeConnection?.isOpen === 'function' &&
    typeof c.open === 'function' &&
    typeof c.send === 'function' &&
    typeof c.requestManager?.flush === 'function' &&
    typeof c.requestManager.register === 'function';
  return ok ? (client as Internals) : null;
};

/**
 * tRPC's WebSocket client waits one `setTimeout(0)` before sending a call, so calls made in the
 * same turn go in one frame; in Node that timer is at least a millisecond, added to every call
 * (and to every first token). Waiting one microtask batches the same calls (those made in one
 * synchronous run) without the timer. This replaces `batchSend` on the client instance with the
 * same steps; if tRPC's internals ever differ (checked here, and by links.test.ts), the client is
 * left as tRPC made it.
 */
export function sendWithoutTimerDelay(client: WsClient): boolean {
  const c = internalsOf(client);
  if (!c) return false;
  c.batchSend = (message, callbacks) => {
    c.inactivityTimeout.reset();
    void (async () => {
      if (!c.activeConnection.isOpen()) await c.open();
      await Promise.resolve();
      if (!c.requestManager.hasOutgoingRequests()) return;
      c.send(c.requestManager.flush().map(({ message: m }) => m));
    })().catch((error: unknown) => {
      c.requestManager.delete(message.id);
      callbacks.error(TRPCClientError.from(error as Error));
    });
    return c.requestManager.register(message, callbacks);
  };
  return true;
}
