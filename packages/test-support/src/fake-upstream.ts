import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { FLAVORS } from './flavors';
import type { RequestView } from './flavors/flavor';
import { chunk, defaultText, wordCount, type Flavor, type Scenario } from './scenario';
import { createStreamWriter } from './stream-writer';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  receivedAt: number;
  /** When the response ended or the connection closed (Date.now()); null while still open. */
  closedAt: number | null;
  /** True when the client closed the connection before the answer was complete. */
  aborted: boolean;
}

export interface FakeUpstreamOptions {
  flavor: Flavor;
  /**
   * Models it serves, listed in the provider's recorded entry shape; default: the provider's
   * recorded model list as it really answered (chat and non-chat models, see src/fixtures/).
   */
  models?: string[];
  /** When set, requests without this key get the provider's own 401. */
  apiKey?: string;
  /** Default: a random free port. */
  port?: number;
}

export interface FakeUpstream {
  flavor: Flavor;
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** What the product's *_BASE_URL should be set to for this flavor. */
  baseUrl: string;
  models: string[];
  setScenario(modelId: string, scenario: Scenario): void;
  setDefaultScenario(scenario: Scenario): void;
  /** Forgets scenarios, failure counts and recorded requests. */
  reset(): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (piece: string) => (data += piece));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(body));
}

/**
 * A local stand-in for a provider's API that speaks its exact wire format, on 127.0.0.1.
 * Scenarios (per model, or a default) script text, pacing, usage and failures.
 * `POST /__control/scenario` with `{ modelId?, scenario }` and `POST /__control/reset` steer it
 * from another process (see `controlFake`); `GET /__control/requests` lists what it received
 * (see `fakeRequests`).
 */
export async function startFakeUpstream(options: FakeUpstreamOptions): Promise<FakeUpstream> {
  const spec = FLAVORS[options.flavor];
  const models = options.models ?? spec.recordedModels;
  const routes = spec.routes(options.models ?? null);
  const scenarios = new Map<string, Scenario>();
  let defaultScenario: Scenario = {};
  const failures = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  function failure(modelId: string, scenario: Scenario) {
    const error = scenario.error;
    if (!error) return null;
    const used = failures.get(modelId) ?? 0;
    if (error.times !== undefined && used >= error.times) return null;
    failures.set(modelId, used + 1);
    return error;
  }

  async function stream(res: ServerResponse, request: RequestView, modelId: string): Promise<void> {
    const scenario: Scenario = { ...defaultScenario, ...scenarios.get(modelId) };
    const error = failure(modelId, scenario);
    if (error) {
      const body =
        error.body ??
        spec.errorBody(
          error.status,
          `Fake ${options.flavor} error ${error.status}`,
          error.retryAfter,
        );
      return sendJson(
        res,
        error.status,
        body,
        error.retryAfter === undefined ? {} : { 'retry-after': error.retryAfter },
      );
    }
    if (scenario.hangBeforeHeaders) return;
    const { all, prompt } = spec.readMessages(request.body);
    const text =
      typeof scenario.text === 'function'
        ? scenario.text(prompt, modelId)
        : (scenario.text ?? defaultText(prompt, modelId));
    const chunks = chunk(text, scenario.chunkSize ?? 4);
    const frames = spec.frames({
      id: `fake-${randomUUID()}`,
      modelId,
      chunks,
      usage: scenario.usage ?? { input: wordCount(all), output: chunks.length },
      includeUsage: spec.includeUsage(request.body),
      finishReason: scenario.finishReason,
    });

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    if (scenario.hang) return;
    const writer = createStreamWriter(res, scenario.splitUtf8 === true);
    for (const frame of frames.open) await writer.write(frame);
    if (scenario.firstTokenDelayMs) await sleep(scenario.firstTokenDelayMs);
    // Chunks keep to their schedule from the first one (chunk i at first + i × tokenDelayMs), as a
    // model streams at its own pace: a sleep per chunk would add every late timer to the stream,
    // so a fake busy serving hundreds of streams (pnpm bench) would slow them all itself.
    const firstAt = performance.now();
    for (const [index, piece] of chunks.entries()) {
      if (writer.closed()) return;
      if (index > 0 && scenario.tokenDelayMs) {
        const wait = firstAt + index * scenario.tokenDelayMs - performance.now();
        if (wait > 0) await sleep(wait);
      }
      if (scenario.dropAfterChunks !== undefined && index >= scenario.dropAfterChunks) {
        // Let the chunks already written reach the client, then cut the connection without a proper end.
        await sleep(20);
        res.socket?.destroy();
        return;
      }
      await writer.write(frames.chunk(piece));
    }
    for (const frame of frames.close) await writer.write(frame);
    if (!writer.closed()) res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return sendJson(res, 400, spec.errorBody(400, 'The request body is not valid JSON.'));
    }
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'POST' && path === '/__control/scenario') {
      const { modelId, scenario } = body as { modelId?: string; scenario: Scenario };
      if (modelId) setScenario(modelId, scenario);
      else setDefaultScenario(scenario);
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/__control/reset') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'GET' && path === '/__control/requests') {
      return sendJson(
        res,
        200,
        requests.map(({ method: m, path: p, body: b }) => ({ method: m, path: p, body: b })),
      );
    }

    const record: RecordedRequest = {
      method,
      path: path + url.search,
      headers: req.headers,
      body,
      receivedAt: Date.now(),
      closedAt: null,
      aborted: false,
    };
    requests.push(record);
    res.on('close', () => {
      record.closedAt = Date.now();
      record.aborted = !res.writableFinished;
    });

    const view: RequestView = { method, path, headers: req.headers, body };
    const route = routes[`${method} ${path}`];
    const answer = (r: NonNullable<typeof route>) =>
      sendJson(res, 200, r.page ? r.page(url) : r.body);
    if (route?.public) return answer(route);
    if (options.apiKey !== undefined && spec.presentedKey(view, url) !== options.apiKey) {
      const refusal = spec.unauthorized(spec.presentedKey(view, url));
      return sendJson(res, refusal.status, refusal.body);
    }
    const refused = spec.rejects?.(view);
    if (refused)
      return sendJson(res, refused.status, spec.errorBody(refused.status, refused.message));
    if (route) return answer(route);

    const modelId = spec.streamTarget(view);
    if (modelId === null)
      return sendJson(
        res,
        404,
        spec.errorBody(404, `No route ${method} ${path} on the fake ${options.flavor} upstream.`),
      );
    if (!models.includes(modelId)) {
      const message =
        options.flavor === 'gemini'
          ? `models/${modelId} is not found for API version v1beta, or is not supported for generateContent.`
          : `The model \`${modelId}\` does not exist or you do not have access to it.`;
      return sendJson(res, 404, spec.errorBody(404, message));
    }
    return stream(res, view, modelId);
  }

  function setScenario(modelId: string, scenario: Scenario): void {
    scenarios.set(modelId, scenario);
    failures.delete(modelId);
  }

  function setDefaultScenario(scenario: Scenario): void {
    defaultScenario = scenario;
    failures.clear();
  }

  function reset(): void {
    scenarios.clear();
    defaultScenario = {};
    failures.clear();
    requests.length = 0;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, spec.errorBody(500, `The fake upstream failed: ${String(error)}`));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    flavor: options.flavor,
    url,
    baseUrl: `${url}${spec.prefix}`,
    models,
    setScenario,
    setDefaultScenario,
    reset,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
