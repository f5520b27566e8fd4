import type { ServerResponse } from 'node:http';

export interface StreamWriter {
  write(data: string): Promise<void>;
  closed(): boolean;
}

/**
 * Writes SSE frames to a response. With `split`, each frame goes out in 1–3 byte writes with a
 * turn of the event loop between them, so the client's reads cut multi-byte UTF-8 characters.
 */
export function createStreamWriter(res: ServerResponse, split: boolean): StreamWriter {
  let closed = false;
  res.on('close', () => (closed = true));
  // Without this, Nagle's algorithm could merge the tiny writes back into whole characters.
  res.socket?.setNoDelay(true);
  return {
    closed: () => closed,
    async write(data) {
      if (closed) return;
      if (!split) {
        res.write(data);
        return;
      }
      const bytes = Buffer.from(data, 'utf8');
      for (let i = 0, n = 1; i < bytes.length && !closed; i += n, n = (n % 3) + 1) {
        res.write(bytes.subarray(i, i + n));
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
