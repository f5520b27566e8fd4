import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { streamChatCompletions } from '../chat-completions/chat-completions-stream';
import { fetchWithConnectTimeout } from './connect-timeout-fetch';
import { pendingRequests, requestsSent, trackRequest } from './pending-requests';

const ctx = {
  providerId: 'test',
  label: 'Test',
  fixCredentials: 'fix the key',
  fixConnection: 'fix the url',
};

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

/** A server whose responses the test starts by hand. */
async function manualServer(onRequest: (res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    onRequest(res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('requestsSent', () => {
  it('resolves at once when no request is waiting', async () => {
    const started = performance.now();
    await requestsSent(5_000);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('waits for the response headers of requests made through the provider fetch', async () => {
    const responses: ServerResponse[] = [];
    const url = await manualServer((res) => responses.push(res));
    const fetching = fetchWithConnectTimeout(ctx, 30_000)(`${url}/v1/chat`, {
      method: 'POST',
      body: '{}',
    });
    expect(pendingRequests()).toBe(1);
    let resolved = false;
    const waiting = requestsSent(5_000).then(() => (resolved = true));
    await expect.poll(() => responses.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resolved).toBe(false);
    // Headers only; the body may stream for as long as it likes.
    responses[0]!.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
    await waiting;
    expect(pendingRequests()).toBe(0);
    responses[0]!.end();
    await (await fetching).text();
  });

  it('counts an OpenAI-compatible request as sent once it is written, before any answer', async () => {
    const responses: ServerResponse[] = [];
    const url = await manualServer((res) => responses.push(res));
    const stream = streamChatCompletions({
      context: ctx,
      baseUrl: url,
      headers: {},
      connectMs: 30_000,
    });
    const controller = new AbortController();
    const parts = stream(
      { modelId: 'm', messages: [{ role: 'user', content: 'hi' }] },
      controller.signal,
    );
    const reading = parts[Symbol.asyncIterator]().next();
    expect(pendingRequests()).toBe(1);
    // Resolves before its bound (the test would time out first) with no response sent.
    await requestsSent(60_000);
    expect(pendingRequests()).toBe(0);
    await expect.poll(() => responses.length).toBe(1);
    expect(responses[0]!.headersSent).toBe(false);
    controller.abort();
    await reading;
  });

  it('does not wait for a request that failed', async () => {
    const refused = fetchWithConnectTimeout(ctx, 30_000)('http://127.0.0.1:9/v1/chat', {
      method: 'POST',
      body: '{}',
    });
    const started = performance.now();
    await requestsSent(10_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(refused).rejects.toThrow();
    expect(pendingRequests()).toBe(0);
  });

  it('does not wait for requests started after it was asked', async () => {
    const first = trackRequest();
    let resolved = false;
    const waiting = requestsSent(10_000).then(() => (resolved = true));
    const later = trackRequest();
    first();
    await waiting;
    expect(resolved).toBe(true);
    expect(pendingRequests()).toBe(1);
    later();
    expect(pendingRequests()).toBe(0);
  });

  it('gives up after its bound', async () => {
    const answered = trackRequest();
    const started = performance.now();
    await requestsSent(200);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(1_000);
    answered();
    expect(pendingRequests()).toBe(0);
  });
});
