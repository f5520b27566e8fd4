import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';

import type { AppRouter } from '@mlb/api';

import { replaceBatchSend } from './batch-send';

describe('replaceBatchSend', () => {
  it('finds the tRPC client internals it replaces (a tRPC upgrade that moves them fails here)', () => {
    const client = createWSClient({
      url: 'ws://127.0.0.1:9',
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      lazy: { enabled: true, closeMs: 0 },
    });
    expect(replaceBatchSend(client)).toBe(true);
    void client.close();
  });

  it('sends a call in the same turn, before any timer, and still batches calls made together', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const { port } = wss.address() as { port: number };
    const frames: unknown[] = [];
    wss.on('connection', (socket) =>
      socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()))),
    );
    const order: string[] = [];
    class Recording extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        const send = this.send.bind(this);
        this.send = ((...a: Parameters<WebSocket['send']>) => {
          order.push('send');
          send(...a);
        }) as WebSocket['send'];
      }
    }
    const wsClient = createWSClient({
      url: `ws://127.0.0.1:${port}`,
      WebSocket: Recording as unknown as typeof globalThis.WebSocket,
    });
    replaceBatchSend(wsClient);
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
    // Connected first: the call then measures the send path alone.
    await new Promise((resolve) => wss.once('connection', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.length = 0;
    frames.length = 0;

    // A timer set before the calls: tRPC's own wait (a timer set after it) would send after it.
    setTimeout(() => order.push('timer'), 0);
    void client.sessions.list.query({}).catch(() => undefined);
    void client.stats.get.query().catch(() => undefined);
    await vi.waitFor(() => expect(order).toContain('timer'));
    expect(order).toEqual(['send', 'timer']);
    // Both calls went in the one frame (the server reads it when it gets to it: a busy machine).
    await vi.waitFor(() => expect(frames).toHaveLength(1), { timeout: 5_000 });
    expect(frames[0]).toHaveLength(2);

    // The calls get no answer from this bare server: close without waiting for them.
    void wsClient.close();
    for (const socket of wss.clients) socket.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  it('sends a call made while the client waits to reconnect over the socket the reconnect opens, once', async () => {
    // A bare server that answers every call, slowly: the reconnect comes before the answer.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const { port } = wss.address() as { port: number };
    let connections = 0;
    const calls: string[] = [];
    wss.on('connection', (socket) => {
      connections++;
      socket.on('message', (data: Buffer) => {
        for (const m of [JSON.parse(data.toString())].flat() as { id: number; method: string }[]) {
          if (m.method !== 'mutation') continue;
          calls.push(`${m.id} on connection ${connections}`);
          setTimeout(
            () => socket.send(JSON.stringify({ id: m.id, result: { type: 'data', data: 'done' } })),
            400,
          );
        }
      });
    });
    const wsClient = createWSClient({
      url: `ws://127.0.0.1:${port}`,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      retryDelayMs: () => 200,
    });
    replaceBatchSend(wsClient);
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
    await vi.waitFor(() => expect(wsClient.connectionState.get().state).toBe('pending'));

    // The connection drops; the client waits 200 ms to reconnect; the user sends meanwhile.
    const closed = new Promise((resolve) =>
      wsClient.connectionState.subscribe({
        next: (s) => (s.state === 'connecting' ? resolve(s) : undefined),
      }),
    );
    for (const socket of wss.clients) socket.terminate();
    await closed;
    const answer: unknown = await client.panes.stop.mutate({ paneId: 'p' });

    expect(answer).toBe('done');
    expect(calls).toEqual(['1 on connection 2']);
    expect(connections).toBe(2);

    await wsClient.close();
    await new Promise((resolve) => wss.close(resolve));
  });
});
