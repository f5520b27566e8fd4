import { afterEach, describe, expect, it } from 'vitest';

import { controlFake, fakeRequests } from './control';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream';
import {
  GEMINI_MODELS_PAGE_1,
  GEMINI_MODELS_PAGE_2,
  GEMINI_PAGE_TOKEN,
} from './fixtures/gemini/models';
import { GROQ_MODELS } from './fixtures/groq/models';
import { OLLAMA_TAGS } from './fixtures/ollama/tags';
import { openai401 } from './fixtures/openai/errors';
import type { Flavor } from './scenario';
import { collectChunks, collectSse, parseSse } from './sse';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const start = async (flavor: Flavor, apiKey?: string) =>
  (fake = await startFakeUpstream({ flavor, ...(apiKey ? { apiKey } : {}) }));

const chat = (f: FakeUpstream, body: object, key = 'k', signal?: AbortSignal) =>
  fetch(`${f.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      stream: true,
      messages: [{ role: 'user', content: 'hi there' }],
      ...body,
    }),
    ...(signal ? { signal } : {}),
  });

const anthropicMessages = (
  f: FakeUpstream,
  headers: Record<string, string> = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
) =>
  fetch(`${f.baseUrl}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      model: 'claude-3-5-haiku-20241022',
      stream: true,
      max_tokens: 100,
      system: 'be brief',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello you' }] }],
    }),
  });

interface ChatChunk {
  choices: { delta: { content?: string }; finish_reason: string | null }[];
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    prompt_tokens_details?: { cached_tokens: number };
  };
  x_groq?: { usage?: { prompt_tokens: number; completion_tokens: number } };
}

describe('OpenAI-compatible framing', () => {
  it('streams content chunks, a finish chunk, the include_usage chunk and [DONE]', async () => {
    const f = await start('openai', 'k');
    const events = await collectSse(
      await chat(f, { model: 'gpt-4o-mini', stream_options: { include_usage: true } }),
    );
    expect(events.at(-1)).toBe('[DONE]');
    const parsed = events.slice(0, -1).map((e) => JSON.parse(e) as ChatChunk);
    expect(parsed.map((p) => p.choices[0]?.delta.content ?? '').join('')).toBe(
      'gpt-4o-mini answers: hi there',
    );
    expect(parsed.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    // Default usage: words of all messages in, one token per 4-character chunk out.
    expect(parsed.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 2, completion_tokens: 8, total_tokens: 10 },
    });
  });

  it('sends no usage chunk unless asked, and reports cached tokens when scripted', async () => {
    const f = await start('litellm');
    const plain = (await collectSse(await chat(f, { model: 'gpt-4o-mini' })))
      .slice(0, -1)
      .map((e) => JSON.parse(e) as ChatChunk);
    expect(plain.some((p) => p.usage)).toBe(false);
    f.setScenario('gpt-4o-mini', {
      usage: { input: 10, output: 3, cached: 4 },
      finishReason: 'length',
    });
    const events = (
      await collectSse(
        await chat(f, { model: 'gpt-4o-mini', stream_options: { include_usage: true } }),
      )
    )
      .slice(0, -1)
      .map((e) => JSON.parse(e) as ChatChunk);
    expect(events.at(-1)!.usage).toMatchObject({
      prompt_tokens: 10,
      completion_tokens: 3,
      prompt_tokens_details: { cached_tokens: 4 },
    });
    expect(events.at(-2)!.choices[0]!.finish_reason).toBe('length');
  });

  it('puts Groq usage in x_groq (and usage) on the finish chunk, and lists context windows', async () => {
    const f = await start('groq');
    const events = await collectSse(
      await chat(f, { model: 'llama-3.1-8b-instant', stream_options: { include_usage: true } }),
    );
    const last = JSON.parse(events.at(-2)!) as ChatChunk;
    expect(last.choices[0]!.finish_reason).toBe('stop');
    expect(last.x_groq?.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 10 });
    expect(last.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 10 });
    // No separate usage chunk: the finish chunk is the only one with usage.
    expect(events.slice(0, -1).filter((e) => (JSON.parse(e) as ChatChunk).usage)).toHaveLength(1);
    const list = (await (await fetch(`${f.url}/openai/v1/models`)).json()) as {
      data: { id: string; context_window: number }[];
    };
    expect(list).toEqual(GROQ_MODELS);
    expect(list.data.find((m) => m.id === 'llama-3.1-8b-instant')?.context_window).toBe(131_072);
  });

  it('answers LiteLLM health and Ollama version and tags routes', async () => {
    const lite = await start('litellm', 'k');
    expect(await (await fetch(`${lite.url}/health/liveliness`)).json()).toBe("I'm alive!");
    expect((await fetch(`${lite.url}/v1/models`)).status).toBe(401);
    await lite.close();
    const ollama = await start('ollama');
    expect(ollama.baseUrl).toBe(ollama.url);
    expect(await (await fetch(`${ollama.url}/api/version`)).json()).toEqual({ version: '0.5.7' });
    expect(await (await fetch(`${ollama.url}/api/tags`)).json()).toEqual(OLLAMA_TAGS);
  });
});

describe('Gemini framing', () => {
  it('separates events with CRLF CRLF and puts finishReason and usage on the last one', async () => {
    const f = await start('gemini', 'g');
    f.setScenario('gemini-2.0-flash', {
      text: 'abcdefgh',
      usage: { input: 5, output: 2, cached: 1 },
    });
    const res = await fetch(
      `${f.baseUrl}/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=g`,
      {
        method: 'POST',
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }),
      },
    );
    const raw = await res.text();
    expect(raw.split('\r\n\r\n').filter(Boolean)).toHaveLength(3);
    const last = JSON.parse(parseSse(raw).at(-1)!) as {
      candidates: { finishReason: string }[];
      usageMetadata: Record<string, number>;
    };
    expect(last.candidates[0]!.finishReason).toBe('STOP');
    expect(last.usageMetadata).toEqual({
      promptTokenCount: 5,
      candidatesTokenCount: 2,
      totalTokenCount: 7,
      cachedContentTokenCount: 1,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 5 }],
    });
  });

  it('serves the recorded model list in two pages, and 404s unknown models', async () => {
    const f = await start('gemini', 'g');
    const get = async (query: string): Promise<unknown> =>
      (await fetch(`${f.baseUrl}/models${query}`, { headers: { 'x-goog-api-key': 'g' } })).json();
    expect(await get('')).toEqual(GEMINI_MODELS_PAGE_1);
    expect(await get(`?pageToken=${GEMINI_PAGE_TOKEN}`)).toEqual(GEMINI_MODELS_PAGE_2);
    const missing = await fetch(`${f.baseUrl}/models/nope:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'g' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});

describe('Anthropic framing', () => {
  it('sends named events with usage split across message_start and message_delta', async () => {
    const f = await start('anthropic', 'k');
    f.setScenario('claude-3-5-haiku-20241022', { usage: { input: 9, output: 4, cached: 3 } });
    const raw = await (await anthropicMessages(f)).text();
    const names = [...raw.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    const data = parseSse(raw).map(
      (d) =>
        JSON.parse(d) as {
          type: string;
          message?: { usage: Record<string, number> };
          delta?: { text?: string };
          usage?: { output_tokens: number };
        },
    );
    expect(data[0]!.message!.usage).toMatchObject({ input_tokens: 6, cache_read_input_tokens: 3 });
    expect(data.find((d) => d.type === 'message_delta')!.usage).toEqual({
      input_tokens: 6,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 3,
      output_tokens: 4,
    });
    expect(data.map((d) => d.delta?.text ?? '').join('')).toBe(
      'claude-3-5-haiku-20241022 answers: hello you',
    );
  });

  it('requires the anthropic-version header and the x-api-key', async () => {
    const f = await start('anthropic', 'k');
    expect(await (await anthropicMessages(f, { 'x-api-key': 'k' })).json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    const denied = await anthropicMessages(f, {
      'x-api-key': 'wrong',
      'anthropic-version': '2023-06-01',
    });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
    });
  });
});

describe('scripted failures and network behaviour', () => {
  it('fails as scripted with retry-after, then recovers; rejects a wrong key in the provider format', async () => {
    const f = await start('openai', 'k');
    await controlFake(f.url, {
      modelId: 'gpt-4o-mini',
      scenario: { error: { status: 429, retryAfter: '2', times: 1 } },
    });
    const limited = await chat(f, { model: 'gpt-4o-mini' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    expect((await chat(f, { model: 'gpt-4o-mini' })).status).toBe(200);
    const denied = await chat(f, { model: 'gpt-4o-mini' }, 'sk-proj-wrong-key-1234567890');
    expect(denied.status).toBe(401);
    // As OpenAI does, the message shows the refused key's start and end.
    expect(await denied.json()).toEqual(openai401('sk-proj-wrong-key-1234567890'));
    expect(openai401('sk-proj-wrong-key-1234567890').error.message).toMatch(
      /^Incorrect API key provided: sk-proj-\*+7890\. /,
    );
    await controlFake(f.url, 'reset');
    expect(f.requests).toHaveLength(0);
  });

  it('writes split UTF-8 across network reads when asked', async () => {
    const f = await start('openai');
    const text = 'héllo wörld — 日本語 🎉';
    f.setScenario('gpt-4o-mini', { text, chunkSize: 3, splitUtf8: true });
    const chunks = await collectChunks(await chat(f, { model: 'gpt-4o-mini' }));
    const strict = new TextDecoder('utf-8', { fatal: true });
    const broken = chunks.filter((c) => {
      try {
        strict.decode(c);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.length).toBeGreaterThan(0);
    const all = Buffer.concat(chunks).toString('utf8');
    const events = parseSse(all)
      .slice(0, -1)
      .map((e) => JSON.parse(e) as ChatChunk);
    expect(events.map((e) => e.choices[0]?.delta.content ?? '').join('')).toBe(text);
  });

  it('drops the connection mid-stream, hangs after headers, or never answers, as scripted', async () => {
    const f = await start('openai');
    f.setScenario('gpt-4o-mini', { text: 'abcdefgh', chunkSize: 2, dropAfterChunks: 2 });
    const dropped = await chat(f, { model: 'gpt-4o-mini' });
    const reader = dropped.body!.getReader();
    let received = '';
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += Buffer.from(value).toString('utf8');
        }
      })(),
    ).rejects.toThrow();
    expect(parseSse(received).length).toBe(3);

    f.setScenario('gpt-4o-mini', { hang: true });
    const hanging = await chat(f, { model: 'gpt-4o-mini' });
    expect(hanging.status).toBe(200);
    const read = hanging.body!.getReader().read();
    expect(
      await Promise.race([
        read.then(() => 'data'),
        new Promise((r) => setTimeout(() => r('silence'), 100)),
      ]),
    ).toBe('silence');

    f.setScenario('gpt-4o-mini', { hangBeforeHeaders: true });
    const controller = new AbortController();
    const pending = chat(f, { model: 'gpt-4o-mini' }, 'k', controller.signal);
    expect(
      await Promise.race([
        pending.then(() => 'headers'),
        new Promise((r) => setTimeout(() => r('silence'), 100)),
      ]),
    ).toBe('silence');
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => f.requests.at(-1)?.aborted).toBe(true);
    expect(f.requests.at(-1)!.closedAt).not.toBeNull();
  });

  it('records a client that goes away mid-answer as aborted', async () => {
    const f = await start('openai');
    f.setScenario('gpt-4o-mini', { text: 'x'.repeat(100), chunkSize: 1, tokenDelayMs: 10 });
    const controller = new AbortController();
    const res = await chat(f, { model: 'gpt-4o-mini' }, 'k', controller.signal);
    await res.body!.getReader().read();
    controller.abort();
    await expect.poll(() => f.requests[0]?.closedAt).not.toBeNull();
    expect(f.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      aborted: true,
    });
    expect(f.requests[0]!.closedAt! - f.requests[0]!.receivedAt).toBeLessThan(900);
  });
});

describe('fakeRequests', () => {
  it('lists what a fake received, for tests that steer it from another process', async () => {
    const fake = await startFakeUpstream({ flavor: 'litellm', apiKey: 'k', models: ['m'] });
    try {
      await fetch(`${fake.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify({
          model: 'm',
          stream: true,
          temperature: 0.3,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      }).then((r) => r.text());
      const seen = await fakeRequests(fake.url);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'POST', body: { model: 'm', temperature: 0.3 } });
    } finally {
      await fake.close();
    }
  });
});
