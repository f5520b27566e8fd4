import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocket, WebSocketServer } from 'ws';

import { sessionEventsInput } from '@mlb/contracts';
import { publicFailure, type Workspace } from '@mlb/domain';
import type { Logger } from '@mlb/logger';

import type { Refusal, Security } from '../security';
import { admitUpgrade } from '../websocket';
import { snakeCase } from './json-case';
import type { SessionArrivals } from './session-arrivals';
import { streamErrorMessage, toStreamMessage, waitingMessage } from './stream-messages';

const PATH = /^\/ws\/([^/]+)$/;

/** A client this far behind is closed (1013) and resumes from its last id when it can keep up. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A client that answered no ping for this long is gone. */
const PING_INTERVAL_MS = 30_000;
/** Clients send nothing that is read; a text this large is an error (closed with 1009). */
const MAX_CLIENT_MESSAGE_BYTES = 4096;

/** Close codes a client can act on: 1012 restart (reconnect), 1013 try again later, 1011 failure. */
const CLOSE = { restart: 1012, tooSlow: 1013, failed: 1011 } as const;

export const isStreamPath = (path: string): boolean => PATH.test(path);

/**
 * `WS /ws/{session_id}`: the session's pane events as the original backend sent them. The
 * upgrade passes the checks every WebSocket does (host, origin, sign-in, connections per
 * address). `?last_event_id=` resumes after that event, exactly once, as the tRPC subscription
 * does (the ids are the same, so a client may switch between them). Without it a `status`
 * snapshot per pane comes first. For a session that does not exist yet the socket waits for it.
 */
export function createStreamSocket(options: {
  workspace: Workspace;
  arrivals: SessionArrivals;
  security: Security;
  logger: Logger;
}) {
  const { workspace, arrivals, security, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });

  function inputOf(req: IncomingMessage): ReturnType<typeof sessionEventsInput.safeParse> | null {
    const url = new URL(req.url ?? '/', 'http://workspace');
    const id = PATH.exec(url.pathname)?.[1];
    if (id === undefined) return null;
    let sessionId: string;
    try {
      sessionId = decodeURIComponent(id);
    } catch {
      return null;
    }
    return sessionEventsInput.safeParse({
      sessionId,
      lastEventId: url.searchParams.get(snakeCase('lastEventId')) ?? undefined,
    });
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const input = inputOf(req);
    const check = (): Refusal | null => {
      if (input === null)
        return {
          status: 404,
          code: 'NOT_FOUND',
          message: 'Open /ws/{session_id} with a session id.',
        };
      if (input.success) return null;
      return {
        status: 422,
        code: 'UNPROCESSABLE_CONTENT',
        message: input.error.issues
          .map(
            (issue) => `${issue.path.map((p) => snakeCase(String(p))).join('.')}: ${issue.message}`,
          )
          .join('; '),
      };
    };
    if (!admitUpgrade(req, socket, security, logger, check) || !input?.success) return;
    const { sessionId, lastEventId } = input.data;
    wss.handleUpgrade(req, socket, head, (client) => stream(client, sessionId, lastEventId));
  }

  function stream(client: WebSocket, sessionId: string, lastEventId: string | null | undefined) {
    const abort = new AbortController();
    let alive = true;
    const heartbeat = setInterval(() => {
      if (alive) {
        alive = false;
        client.ping();
      } else client.terminate();
    }, PING_INTERVAL_MS);
    heartbeat.unref();
    client.on('pong', () => (alive = true));
    client.on('close', () => {
      clearInterval(heartbeat);
      abort.abort();
    });
    client.on('error', (error) => logger.debug({ err: error, sessionId }, 'stream socket error'));

    // Listening before the first read: a broadcast that creates the session meanwhile is not missed.
    let arrived: string | null = null;
    let wake: (() => void) | null = null;
    let listening = true;
    const unlisten = arrivals.listen(sessionId, (id) => {
      arrived ??= id;
      wake?.();
    });
    const stopListening = () => {
      if (listening) unlisten();
      listening = false;
    };
    abort.signal.addEventListener('abort', () => wake?.());

    const send = (message: unknown) => {
      if (client.readyState !== WebSocket.OPEN) return;
      client.send(JSON.stringify(message));
      if (client.bufferedAmount > MAX_BUFFERED_BYTES)
        client.close(CLOSE.tooSlow, 'Too far behind: reconnect with last_event_id to resume.');
    };

    const pump = async () => {
      let from = lastEventId;
      let waited = false;
      let streamed = false;
      for (;;) {
        try {
          for await (const { id, event } of workspace.sessions.events(
            sessionId,
            from,
            abort.signal,
          )) {
            // The session exists: nothing more to wait for.
            stopListening();
            streamed = true;
            send(toStreamMessage(id, event));
          }
          return;
        } catch (error) {
          if (abort.signal.aborted) return;
          const failure = publicFailure(error);
          // Not found after it streamed: deleted meanwhile, not one yet to come.
          if (failure.code !== 'NOT_FOUND' || waited || streamed) {
            stopListening();
            const level = failure.code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'debug';
            logger[level]({ err: error, sessionId }, 'session stream failed');
            send(streamErrorMessage(sessionId, failure));
            client.close(CLOSE.failed, failure.code);
            return;
          }
          if (arrived === null) {
            send(waitingMessage(sessionId));
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
            if (abort.signal.aborted || arrived === null) return;
          }
          // From the first event of the broadcast that made the session.
          from = arrived;
          waited = true;
        }
      }
    };
    void pump()
      .catch((error: unknown) => {
        logger.error({ err: error, sessionId }, 'session stream failed');
        client.terminate();
      })
      .finally(stopListening);
  }

  return {
    upgrade,
    /** Open stream sockets (for the runtime figures). */
    count: () => wss.clients.size,
    /** Before a restart: clients reconnect (1012) with their last event id and lose nothing. */
    close(): void {
      for (const client of wss.clients)
        client.close(CLOSE.restart, 'Server restarting: reconnect.');
    },
    terminate(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
