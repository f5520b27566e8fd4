import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readMessages } from './request-text';
import { chunk, defaultText, wordCount, type Flavor, type Scenario } from './scenario';
import { errorBody, frames } from './wire';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** True when the client closed the connection before the answer ended. */
  aborted: boolean;
}

export interface FakeUpstreamOptions {
  flavor: Flavor;
  models?: string[];
  /** When set, requests without this key get the provider's 401. */
  apiKey?: string;
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
  reset(): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_MODELS: Record<Flavor, string[]> = {
  openai: ['gpt-4o-mini', 'gpt-4o'],
  litellm: ['gpt-4o-mini', 'claude-3-5-haiku'],
  groq: ['llama-3.1-8b-instant', 'llama-3.3-70b-versatile'],
  gemini: ['gemini-2.0-flash', 'gemini-1.5-pro'],
  anthropic: ['claude-3-5-haiku-latest'],
  ollama: ['llama3.2:1b'],
};

const PREFIX: Record<Flavor, string> = { openai: '/v1', litellm: '/v1', groq: '/openai/v1', gemini: '/v1beta', anthropic: '/v1', ollama: '' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A local stand-in for a provider's API that speaks its exact wire format. Scenarios (per model,
 * or by default) script text, pacing, usage and failures; `POST /__control/scenario` with
 * `{ modelId?, scenario }` and `POST /__control/reset` steer it from another process.
 */
export async function startFakeUpstream(options: FakeUpstreamOptions): Promise<FakeUpstream> {
  const { flavor } = options;
  const models = options.models ?? DEFAULT_MODELS[flavor];
  const scenarios = new Map<string, Scenario>();
  let defaultScenario: Scenario = {};
  const failures = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const authorized = (req: IncomingMessage, url: URL): boolean => {
    if (!options.apiKey) return true;
    if (flavor === 'gemini') return req.headers['x-goog-api-key'] === options.apiKey || url.searchParams.get('key') === options.apiKey;
    if (flavor === 'anthropic') return req.headers['x-api-key'] === options.apiKey;
    return req.headers.authorization === `Bearer ${options.apiKey}`;
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  const listModels = (res: ServerResponse) => {
    if (flavor === 'gemini') {
      return json(res, 200, {
        models: models.map((m) => ({ name: `models/${m}`, version: '001', displayName: m, inputTokenLimit: 1_048_576, outputTokenLimit: 8192, supportedGenerationMethods: ['generateContent', 'countTokens', 'streamGenerateContent'] })),
      });
    }
    if (flavor === 'anthropic') {
      return json(res, 200, { data: models.map((m) => ({ type: 'model', id: m, display_name: m, created_at: '2024-10-22T00:00:00Z' })), has_more: false, first_id: models[0], last_id: models.at(-1) });
    }
    return json(res, 200, {
      object: 'list',
      data: models.map((m) => ({ id: m, object: 'model', created: 1_700_000_000, owned_by: flavor, ...(flavor === 'groq' ? { active: true, context_window: 131_072 } : {}) })),
    });
  };

  async function stream(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, modelId: string): Promise<void> {
    const scenario = { ...defaultScenario, ...scenarios.get(modelId) };
    const key = modelId;
    if (scenario.error) {
      const used = failures.get(key) ?? 0;
      if (scenario.error.times === undefined || used < scenario.error.times) {
        failures.set(key, used + 1);
        const body = scenario.error.body ?? errorBody(flavor, scenario.error.status, `Fake ${flavor} error ${scenario.error.status}`);
        return json(res, scenario.error.status, body, scenario.error.retryAfter !== undefined ? { 'retry-after': scenario.error.retryAfter } : {});
      }
    }
    const { all, prompt } = readMessages(flavor, record.body);
    const text = typeof scenario.text === 'function' ? scenario.text(prompt, modelId) : (scenario.text ?? defaultText(prompt, modelId));
    const chunks = chunk(text, scenario.chunkSize ?? 4);
    const usage = scenario.usage ?? { input: wordCount(all), output: chunks.length };
    const body = record.body as { stream_options?: { include_usage?: boolean } } | undefined;
    const f = frames(flavor, { id: `fake-${randomUUID()}`, modelId, chunks, usage, includeUsage: body?.stream_options?.include_usage === true });

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    let closed = false;
    res.on('close', () => {
      closed = true;
      if (!res.writableFinished) record.aborted = true;
    });
    const write = async (data: string, split = false) => {
      if (closed) return;
      if (!split) return void res.write(data);
      const bytes = Buffer.from(data, 'utf8');
      for (let i = 0; i < bytes.length && !closed; ) {
        const n = 1 + (i % 3);
        res.write(bytes.subarray(i, i + n));
        i += n;
        await new Promise((r) => setImmediate(r));
      }
    };
    if (scenario.hang) return;
    for (const frame of f.open) await write(frame);
    if (scenario.firstTokenDelayMs) await sleep(scenario.firstTokenDelayMs);
    for (const [index, piece] of chunks.entries()) {
      if (closed) return;
      if (scenario.dropAfterChunks !== undefined && index >= scenario.dropAfterChunks) {
        // Let the chunks already written reach the client, then cut the connection abruptly.
        await sleep(Math.max(20, scenario.tokenDelayMs ?? 0));
        res.socket?.destroy();
        return;
      }
      if (index > 0 && scenario.tokenDelayMs) await sleep(scenario.tokenDelayMs);
      await write(f.chunk(piece), scenario.splitUtf8 === true);
    }
    for (const frame of f.close) await write(frame);
    if (!closed) res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (data += c));
      req.on('end', () => resolve(data));
    });
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return json(res, 400, errorBody(flavor, 400, 'Request body is not JSON.'));
    }
    const path = url.pathname;
    if (path === '/__control/scenario' && req.method === 'POST') {
      const { modelId, scenario } = body as { modelId?: string; scenario: Scenario };
      if (modelId) scenarios.set(modelId, scenario);
      else defaultScenario = scenario;
      failures.clear();
      return json(res, 200, { ok: true });
    }
    if (path === '/__control/reset' && req.method === 'POST') {
      reset();
      return json(res, 200, { ok: true });
    }
    const record: RecordedRequest = { method: req.method ?? 'GET', path: path + url.search, headers: req.headers, body, aborted: false };
    requests.push(record);

    if (flavor === 'litellm' && path === '/health/liveliness') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify("I'm alive!"));
    if (flavor === 'ollama' && path === '/api/version') return json(res, 200, { version: '0.5.7' });
    if (flavor === 'ollama' && path === '/api/tags') {
      return json(res, 200, { models: models.map((m) => ({ name: m, model: m, modified_at: '2024-12-01T00:00:00Z', size: 1_300_000_000, details: { family: 'llama', parameter_size: '1.2B' } })) });
    }
    if (!authorized(req, url)) {
      const status = 401;
      return json(res, status, errorBody(flavor, status, flavor === 'groq' ? 'Invalid API Key' : 'Incorrect API key provided.'));
    }
    const prefix = PREFIX[flavor] || '/v1';
    if (req.method === 'GET' && (path === `${prefix}/models` || path === '/models')) return listModels(res);

    if (flavor === 'gemini') {
      const match = /^\/v1beta\/models\/([^:]+):streamGenerateContent$/.exec(path);
      if (req.method === 'POST' && match) {
        const modelId = decodeURIComponent(match[1]!);
        if (!models.includes(modelId)) return json(res, 404, errorBody(flavor, 404, `models/${modelId} is not found for API version v1beta.`));
        return stream(req, res, record, modelId);
      }
    } else if (req.method === 'POST' && (path.endsWith('/chat/completions') || (flavor === 'anthropic' && path === '/v1/messages'))) {
      const modelId = (body as { model?: string } | undefined)?.model ?? '';
      if (!models.includes(modelId)) return json(res, 404, errorBody(flavor, 404, `The model \`${modelId}\` does not exist or you do not have access to it.`));
      return stream(req, res, record, modelId);
    }
    return json(res, 404, errorBody(flavor, 404, `No route ${req.method} ${path} on the fake ${flavor} upstream.`));
  }

  function reset(): void {
    scenarios.clear();
    defaultScenario = {};
    failures.clear();
    requests.length = 0;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { message: String(error) } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    flavor,
    url,
    baseUrl: `${url}${PREFIX[flavor]}`,
    models,
    setScenario: (modelId, scenario) => {
      scenarios.set(modelId, scenario);
      failures.delete(modelId);
    },
    setDefaultScenario: (scenario) => {
      defaultScenario = scenario;
      failures.clear();
    },
    reset,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Steers a fake running in another process (e.g. Playwright's global setup). */
export async function controlFake(url: string, body: { modelId?: string; scenario: Scenario } | 'reset'): Promise<void> {
  const response = await fetch(body === 'reset' ? `${url}/__control/reset` : `${url}/__control/scenario`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === 'reset' ? '{}' : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`fake upstream control failed: ${response.status}`);
}
