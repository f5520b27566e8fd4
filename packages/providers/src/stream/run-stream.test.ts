import { describe, expect, it } from 'vitest';

import { ProviderError } from '../errors/provider-error';
import type { ProviderAdapter, RetryPolicy, StreamPart, StreamRequest, Timeouts } from '../types';
import { runStream, type RunStreamOptions } from './run-stream';

type Script = (attempt: number, signal: AbortSignal) => AsyncIterable<StreamPart>;

/** An adapter whose every attempt is scripted; it records the signals it was given. */
function scripted(script: Script) {
  const signals: AbortSignal[] = [];
  const adapter: ProviderAdapter = {
    id: 'fake',
    label: 'Fake',
    simulated: false,
    stream: (_request, signal) => {
      signals.push(signal);
      return script(signals.length, signal);
    },
    listModels: async () => [],
    health: async () => ({ ok: true, latencyMs: 0, error: null }),
  };
  return { adapter, signals };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const request: StreamRequest = { modelId: 'm', messages: [{ role: 'user', content: 'hi' }] };
const timeouts: Timeouts = { connectMs: 1000, firstTokenMs: 1000, idleMs: 1000, totalMs: 5000 };
const retry: RetryPolicy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000 };
const done: StreamPart = { type: 'finish', reason: 'done', providerFinishReason: 'stop' };
const rateLimited = (retryAfterMs?: number) =>
  new ProviderError('fake', 'rate_limit', 'slow down', 'wait', {
    status: 429,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

async function run(adapter: ProviderAdapter, options: Partial<RunStreamOptions> = {}) {
  const sleeps: number[] = [];
  const parts: StreamPart[] = [];
  for await (const part of runStream(adapter, request, {
    signal: new AbortController().signal,
    timeouts,
    retry,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  })) {
    parts.push(part);
  }
  return {
    parts,
    sleeps,
    types: parts.map((p) => p.type),
    text: parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join(''),
  };
}

describe('runStream', () => {
  it('passes text and usage through and ends with the adapter’s single finish', async () => {
    const { adapter } = scripted(async function* () {
      yield { type: 'text-delta', text: 'a' };
      yield { type: 'text-delta', text: '' };
      yield { type: 'text-delta', text: 'b' };
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } };
      yield done;
      yield { type: 'text-delta', text: 'after the finish' };
    });
    const { parts, types } = await run(adapter);
    expect(types).toEqual(['text-delta', 'text-delta', 'usage', 'finish']);
    expect(parts.at(-1)).toEqual(done);
  });

  it('retries retryable failures before the first token with exponential backoff and full jitter', async () => {
    const { adapter, signals } = scripted(async function* (attempt) {
      if (attempt < 3)
        yield {
          type: 'error',
          error: new ProviderError('fake', 'upstream_unavailable', 'down', 'later', {
            status: 503,
          }),
        };
      else {
        yield { type: 'text-delta', text: 'ok' };
        yield done;
      }
    });
    const randoms = [0.5, 0.25];
    const { parts, sleeps, text } = await run(adapter, { random: () => randoms.shift()! });
    // attempt 1: up to 100 ms × 0.5; attempt 2: up to 200 ms × 0.25.
    expect(sleeps).toEqual([50, 50]);
    expect(
      parts
        .filter((p) => p.type === 'retry')
        .map((p) => (p.type === 'retry' ? [p.attempt, p.delayMs, p.error.kind] : [])),
    ).toEqual([
      [1, 50, 'upstream_unavailable'],
      [2, 50, 'upstream_unavailable'],
    ]);
    expect(text).toBe('ok');
    expect(signals).toHaveLength(3);
  });

  it('caps the backoff at maxDelayMs', async () => {
    const { adapter } = scripted(async function* () {
      yield { type: 'error', error: new ProviderError('fake', 'network', 'gone', 'retry') };
    });
    const { sleeps } = await run(adapter, {
      random: () => 0.999,
      retry: { maxRetries: 5, baseDelayMs: 300, maxDelayMs: 1000 },
    });
    expect(sleeps).toEqual([299, 599, 999, 999, 999]);
  });

  it('waits exactly the retry-after, and gives up when it is longer than maxDelayMs', async () => {
    const once = scripted(async function* (attempt) {
      if (attempt === 1) yield { type: 'error', error: rateLimited(750) };
      else yield done;
    });
    expect((await run(once.adapter)).sleeps).toEqual([750]);

    const long = scripted(async function* () {
      yield { type: 'error', error: rateLimited(60_000) };
    });
    const { parts, sleeps } = await run(long.adapter);
    expect(sleeps).toEqual([]);
    expect(parts).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({ kind: 'rate_limit', retryAfterMs: 60_000 }),
      },
      { type: 'finish', reason: 'error', providerFinishReason: null },
    ]);
  });

  it('does not retry a wait that would pass the total timeout', async () => {
    const { adapter, signals } = scripted(async function* () {
      yield { type: 'error', error: rateLimited(900) };
    });
    const { types } = await run(adapter, { timeouts: { ...timeouts, totalMs: 500 } });
    expect(types).toEqual(['error', 'finish']);
    expect(signals).toHaveLength(1);
  });

  it('never retries once text has been yielded, and keeps that text', async () => {
    const { adapter, signals } = scripted(async function* () {
      yield { type: 'text-delta', text: 'partial ' };
      yield { type: 'error', error: new ProviderError('fake', 'network', 'dropped', 'retry') };
      yield { type: 'finish', reason: 'error', providerFinishReason: null };
    });
    const { parts, text } = await run(adapter);
    expect(text).toBe('partial ');
    expect(parts.slice(1)).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'network' }) },
      { type: 'finish', reason: 'error', providerFinishReason: null },
    ]);
    expect(signals).toHaveLength(1);
  });

  it('does not retry kinds that would fail again', async () => {
    for (const kind of ['authentication', 'bad_request', 'content_filtered'] as const) {
      const { adapter, signals } = scripted(async function* () {
        yield { type: 'error', error: new ProviderError('fake', kind, 'no', 'fix it') };
      });
      const { types } = await run(adapter);
      expect(types).toEqual(['error', 'finish']);
      expect(signals).toHaveLength(1);
    }
  });

  it('times out a silence between tokens without retrying, naming STREAM_IDLE_TIMEOUT_MS', async () => {
    const { adapter, signals } = scripted(async function* (_attempt, signal) {
      yield { type: 'text-delta', text: 'one' };
      await wait(2000);
      if (!signal.aborted) yield done;
    });
    const started = performance.now();
    const { parts, text } = await run(adapter, { timeouts: { ...timeouts, idleMs: 80 } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(text).toBe('one');
    const error = parts.find((p) => p.type === 'error');
    expect(error?.type === 'error' && error.error).toMatchObject({
      kind: 'timeout',
      suggestion: expect.stringContaining('STREAM_IDLE_TIMEOUT_MS'),
    });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'timeout', providerFinishReason: null });
    expect(signals[0]!.aborted).toBe(true);
  });

  it('does not time out an answer whose tokens keep coming, however long it lasts past the idle window', async () => {
    const { adapter } = scripted(async function* () {
      for (let i = 0; i < 12; i += 1) {
        yield { type: 'text-delta', text: `${i},` };
        await wait(30);
      }
      yield done;
    });
    const { parts, text } = await run(adapter, { timeouts: { ...timeouts, idleMs: 80 } });
    expect(text).toBe('0,1,2,3,4,5,6,7,8,9,10,11,');
    expect(parts.some((p) => p.type === 'error')).toBe(false);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'done' });
  });

  it('times out the whole answer, naming STREAM_TOTAL_TIMEOUT_MS', async () => {
    const { adapter } = scripted(async function* (_attempt, signal) {
      while (!signal.aborted) {
        yield { type: 'text-delta', text: '.' };
        await wait(10);
      }
    });
    const { parts } = await run(adapter, { timeouts: { ...timeouts, totalMs: 120 } });
    const error = parts.find((p) => p.type === 'error');
    expect(error?.type === 'error' && error.error.suggestion).toContain('STREAM_TOTAL_TIMEOUT_MS');
    expect(parts.at(-1)).toMatchObject({ reason: 'timeout' });
  });

  it('retries a first-token timeout, and ends even when the adapter ignores its signal', async () => {
    const { adapter, signals } = scripted(async function* () {
      await wait(10_000);
      yield done;
    });
    const started = performance.now();
    const { parts, sleeps } = await run(adapter, {
      timeouts: { ...timeouts, firstTokenMs: 50 },
      retry: { ...retry, maxRetries: 1 },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(signals).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(parts.map((p) => p.type)).toEqual(['retry', 'error', 'finish']);
    expect(parts[1]).toMatchObject({
      error: {
        kind: 'timeout',
        suggestion: expect.stringContaining('STREAM_FIRST_TOKEN_TIMEOUT_MS'),
      },
    });
  });

  it('ends with stopped and no error when the caller aborts mid-answer, aborting the adapter', async () => {
    const controller = new AbortController();
    const { adapter, signals } = scripted(async function* (_attempt, signal) {
      for (let i = 0; i < 100 && !signal.aborted; i += 1) {
        yield { type: 'text-delta', text: 'x' };
        await wait(5);
      }
      yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
    });
    setTimeout(() => controller.abort(), 30);
    const { parts } = await run(adapter, { signal: controller.signal });
    expect(parts.some((p) => p.type === 'error')).toBe(false);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stopped', providerFinishReason: null });
    expect(signals[0]!.aborted).toBe(true);
  });

  it('stops during the backoff wait without another attempt', async () => {
    const controller = new AbortController();
    const { adapter, signals } = scripted(async function* () {
      yield { type: 'error', error: rateLimited(2000) };
    });
    setTimeout(() => controller.abort(), 30);
    const { parts } = await run(adapter, {
      signal: controller.signal,
      sleep: undefined,
      retry: { ...retry, maxDelayMs: 10_000 },
    });
    expect(parts.map((p) => p.type)).toEqual(['retry', 'finish']);
    expect(parts.at(-1)).toMatchObject({ reason: 'stopped' });
    expect(signals).toHaveLength(1);
  });

  it('does not call the adapter when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { adapter, signals } = scripted(async function* () {
      yield done;
    });
    expect((await run(adapter, { signal: controller.signal })).parts).toEqual([
      { type: 'finish', reason: 'stopped', providerFinishReason: null },
    ]);
    expect(signals).toHaveLength(0);
  });

  it('turns a stream that ends without a finish, or throws, into an error', async () => {
    const silent = scripted(async function* () {
      yield { type: 'text-delta', text: 'half' };
    });
    const cut = await run(silent.adapter);
    expect(cut.parts.slice(-2)).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'network' }) },
      { type: 'finish', reason: 'error', providerFinishReason: null },
    ]);

    const broken = scripted(async function* () {
      yield* [];
      throw new Error('bug');
    });
    const thrown = await run(broken.adapter, { retry: { ...retry, maxRetries: 0 } });
    expect(thrown.parts[0]).toMatchObject({
      type: 'error',
      error: { kind: 'unknown', message: 'Fake failed: bug' },
    });
  });

  it('aborts the adapter when the consumer stops reading', async () => {
    const { adapter, signals } = scripted(async function* () {
      for (;;) {
        yield { type: 'text-delta', text: 'x' };
        await wait(1);
      }
    });
    for await (const part of runStream(adapter, request, {
      signal: new AbortController().signal,
      timeouts,
      retry,
    })) {
      if (part.type === 'text-delta') break;
    }
    expect(signals[0]!.aborted).toBe(true);
  });
});
