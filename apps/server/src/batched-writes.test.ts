import type { Socket } from 'node:net';

import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';

import { batchWrites } from './batched-writes';

describe('batchWrites', () => {
  it('holds one turn’s messages to a client in one write, in order, and releases them after the turn', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const { port } = wss.address() as { port: number };
    const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        received.push(data.toString());
        if (received.length === 3) resolve();
      }),
    );
    const server = await serverSide;
    batchWrites(server);
    const socket = (server as unknown as { _socket: Socket })._socket;
    const writes: number[] = [];
    const writev = socket._writev?.bind(socket);
    socket._writev = (chunks, callback) => {
      writes.push(chunks.length);
      writev!(chunks, callback);
    };

    for (const text of ['one', 'two', 'three']) server.send(text);
    expect(socket.writableCorked).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writableCorked).toBe(0);
    await all;
    expect(received).toEqual(['one', 'two', 'three']);
    // One vectored write carried the three frames (a header and a payload each).
    expect(writes).toEqual([6]);

    client.close();
    await new Promise((resolve) => wss.close(resolve));
  });
});
