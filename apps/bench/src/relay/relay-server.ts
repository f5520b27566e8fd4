import { createServer, request, type ClientRequest } from 'node:http';

import { createParser } from 'eventsource-parser';
import { WebSocketServer, type WebSocket } from 'ws';

import { startSelfStats } from '../self-stats';
import { PaneCoalescer } from './coalescer';
import { messageText, parseRelayStart, type RelayEvent } from './protocol';

/**
 * The floor `pnpm bench` measures the product against: the least a server can do to relay
 * answers from an OpenAI-compatible upstream to a browser with the product's pacing. One
 * `node:http` request per pane, `eventsource-parser`, the 33 ms leading-edge coalescing per pane,
 * plain JSON over a plain `ws` socket per session. No database, no tRPC, no checks beyond what
 * keeps it from crashing. Keep it that way: every line added here raises the floor.
 *
 * Started by relay-process.ts with RELAY_UPSTREAM (the base URL holding /chat/completions),
 * RELAY_API_KEY, RELAY_MODEL and PORT. `GET /stats` reports its CPU and event-loop delay.
 */
const COALESCE_WINDOW_MS = 33;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (relay-process.ts sets it)`);
  return value;
}

const upstream = new URL(`${required('RELAY_UPSTREAM')}/chat/completions`);
const apiKey = required('RELAY_API_KEY');
const model = required('RELAY_MODEL');

/** CPU and event-loop delay measured as the product measures itself. */
const readStats = startSelfStats();

interface ChatChunk {
  choices: { delta?: { content?: string | null } }[];
}

function relayPane(
  socket: WebSocket,
  pane: number,
  prompt: string,
  open: Set<ClientRequest>,
): void {
  const send = (event: RelayEvent) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
  };
  const coalescer = new PaneCoalescer(COALESCE_WINDOW_MS, (token) => send({ pane, token }));
  let ended = false;
  const end = (error?: string) => {
    if (ended) return;
    ended = true;
    open.delete(req);
    coalescer.flush();
    send(error === undefined ? { pane, done: true } : { pane, error });
  };
  const body = JSON.stringify({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: prompt }],
  });
  const req = request(
    upstream,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    },
    (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return end(`the upstream answered ${res.statusCode}`);
      }
      const parser = createParser({
        onEvent: ({ data }) => {
          if (data === '[DONE]') return end();
          try {
            const text = (JSON.parse(data) as ChatChunk).choices[0]?.delta?.content;
            if (text) coalescer.push(text);
          } catch {
            end('a chunk that is not JSON');
          }
        },
      });
      res.setEncoding('utf8');
      res.on('data', (piece: string) => parser.feed(piece));
      res.on('end', () => end('the stream ended before [DONE]'));
      res.on('error', (error) => end(error.message));
    },
  );
  req.on('error', (error) => end(error.message));
  open.add(req);
  req.end(body);
}

const http = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats')
    return void res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(readStats()));
  res.writeHead(404).end();
});

new WebSocketServer({ server: http }).on('connection', (socket) => {
  const open = new Set<ClientRequest>();
  socket.on('message', (data, isBinary) => {
    try {
      const start = parseRelayStart(isBinary ? '' : messageText(data));
      for (let pane = 0; pane < start.panes; pane += 1) relayPane(socket, pane, start.prompt, open);
    } catch (error) {
      socket.close(1003, error instanceof Error ? error.message : 'bad start message');
    }
  });
  // A client that leaves stops its upstream requests.
  socket.on('close', () => {
    for (const req of open) req.destroy();
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
// A normal exit, so --cpu-prof (BENCH_PROFILE_DIR) gets to write its profile.
process.once('SIGTERM', () => process.exit(0));
