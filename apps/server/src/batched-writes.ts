import type { Socket } from 'node:net';

import type { WebSocket } from 'ws';

/**
 * Messages sent to one client in one turn of the event loop leave in one write: the socket is
 * corked at the turn's first send and uncorked right after the turn. A client following several
 * panes gets their events (flushed together, see the domain's FlushGrid) for one system call
 * instead of one each; the first token of an answer still leaves within the same turn.
 * `_socket` is `ws`'s own field for the connection's socket (it has no public accessor).
 */
export function batchWrites(client: WebSocket): void {
  const socket = (client as unknown as { _socket?: Socket })._socket;
  if (!socket) return;
  const send = client.send.bind(client);
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  client.send = ((...args: Parameters<WebSocket['send']>) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    send(...args);
  }) as WebSocket['send'];
}
