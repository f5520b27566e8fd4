import { request, type IncomingHttpHeaders } from 'node:http';

import { WebSocket } from 'ws';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with any headers (fetch may not set Host), read whole. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A tRPC call over plain HTTP, as a page's script would send it. */
export function trpcPost(
  baseUrl: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

/** Tries a WebSocket upgrade on /trpc: `open`, or the refusal's status and text. */
export function tryUpgrade(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<{ open: true; socket: WebSocket } | { open: false; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/trpc`, { headers });
    ws.once('open', () => resolve({ open: true, socket: ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ open: false, status: res.statusCode ?? 0, body: body.trim() }));
    });
    ws.once('error', reject);
  });
}
