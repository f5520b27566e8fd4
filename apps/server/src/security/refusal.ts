import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** Why a request is turned away, in terms every transport can answer with. */
export interface Refusal {
  status: number;
  /** The tRPC code for clients of /trpc (the HTTP status stays `status`). */
  code: TRPC_ERROR_CODE_KEY;
  /** Says what was refused and what to do; shown to the user as is. */
  message: string;
  headers?: Record<string, string>;
}

/** A check any route can run before its work: null lets the request through. */
export type RequestGuard = (req: IncomingMessage) => Refusal | null;

/** Runs guards in order and returns the first refusal. */
export function firstRefusal(
  req: IncomingMessage,
  guards: readonly RequestGuard[],
): Refusal | null {
  for (const guard of guards) {
    const refusal = guard(req);
    if (refusal) return refusal;
  }
  return null;
}

/** Answers a plain HTTP request with the refusal as text (or the body given, e.g. tRPC's JSON). */
export function refuseHttp(
  res: ServerResponse,
  refusal: Refusal,
  body: { contentType: string; text: string } = {
    contentType: 'text/plain; charset=utf-8',
    text: `${refusal.message}\n`,
  },
): void {
  res.writeHead(refusal.status, {
    ...refusal.headers,
    'content-type': body.contentType,
    'cache-control': 'no-store',
  });
  res.end(body.text);
}

/** Answers a WebSocket upgrade with an HTTP error and closes the socket: no WebSocket is opened. */
export function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.message}\n`;
  const headers = {
    ...refusal.headers,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n${head}\r\n\r\n${body}`,
  );
}
