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
  /** Set while the client waits to reconnect (and reconnects); settles once it is open again. */
  reconnecting: Promise<void> | null;
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
    (c.reconnecting === null || c.reconnecting instanceof Promise) &&
    typeof c.send === 'function' &&
    typeof c.requestManager?.flush === 'function' &&
    typeof c.requestManager.register === 'function';
  return ok ? (client as Internals) : null;
};

/**
 * Replaces how tRPC's WebSocket client (11.x) sends a call, for two reasons:
 *
 * - **No timer.** tRPC waits one `setTimeout(0)` before sending, so calls made in the same turn
 *   go in one frame; in Node that timer is at least a millisecond, added to every call (and to
 *   every first token). Waiting one microtask batches the same calls (those made in one
 *   synchronous run) without the timer.
 * - **No second socket while reconnecting.** A call made while the client waits to reconnect
 *   after a drop opened a socket of its own, which the reconnect then closed under it: the call
 *   failed with "WebSocket closed" after the server had received it, or went out twice (a prompt
 *   broadcast twice). A call now waits for that reconnect and goes over the socket it opens.
 *
 * Otherwise the same steps as tRPC's. If tRPC's internals ever differ (checked here, and by
 * batch-send.test.ts), the client is left as tRPC made it.
 */
export function replaceBatchSend(client: WsClient): boolean {
  const c = internalsOf(client);
  if (!c) return false;
  c.batchSend = (message, callbacks) => {
    c.inactivityTimeout.reset();
    void (async () => {
      while (c.reconnecting) await c.reconnecting;
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
