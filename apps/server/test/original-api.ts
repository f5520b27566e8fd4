import { WebSocket } from 'ws';

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  json: T;
}

/** One call of the original API as its clients make it (JSON in, JSON out), with no Origin. */
export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/** A message of WS /ws/{session_id}, as the original's clients read it. */
export interface StreamMessage {
  id?: string;
  type: string;
  session_id: string;
  pane_id: string | null;
  message_id?: string;
  data: Record<string, unknown>;
}

/** Opens /ws/{session_id} and collects its messages until `done` says so. */
export function openStream(
  baseUrl: string,
  sessionId: string,
  options: { lastEventId?: string; headers?: Record<string, string> } = {},
) {
  const query = options.lastEventId
    ? `?last_event_id=${encodeURIComponent(options.lastEventId)}`
    : '';
  const socket = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}/ws/${encodeURIComponent(sessionId)}${query}`,
    { headers: options.headers ?? {} },
  );
  const messages: StreamMessage[] = [];
  const waiters: { done: (m: StreamMessage[]) => boolean; resolve: () => void }[] = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse((data as Buffer).toString('utf8')) as StreamMessage);
    for (const waiter of [...waiters])
      if (waiter.done(messages)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    opened,
    /** Resolves once `done` holds for the messages so far (checked after each message). */
    until(done: (m: StreamMessage[]) => boolean, timeoutMs = 10_000): Promise<StreamMessage[]> {
      if (done(messages)) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `timed out with ${messages.length} messages: ${messages.map((m) => m.type).join(',')}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          done,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

const ENDED = ['complete', 'error', 'stopped', 'interrupted'];

/** Every given answer has ended (its terminal status arrived). */
export const ended = (messageIds: string[]) => (messages: StreamMessage[]) =>
  messageIds.every((id) =>
    messages.some(
      (m) => m.type === 'status' && m.message_id === id && ENDED.includes(String(m.data.state)),
    ),
  );
