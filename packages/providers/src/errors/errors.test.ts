import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';

import { messageFromBody } from './body-message';
import type { ErrorContext } from './error-context';
import { errorFromStatus } from './from-status';
import { ProviderError } from './provider-error';
import { parseRetryAfter } from './retry-after';
import { toProviderError } from './to-provider-error';

const ctx: ErrorContext = {
  providerId: 'groq',
  label: 'Groq',
  fixCredentials: 'Check GROQ_API_KEY in .env.',
  fixConnection: 'Check GROQ_BASE_URL.',
};

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('errorFromStatus', () => {
  it.each([
    [401, 'authentication', false],
    [403, 'authentication', false],
    [429, 'rate_limit', true],
    [408, 'timeout', true],
    [504, 'timeout', true],
    [500, 'upstream_unavailable', true],
    [502, 'upstream_unavailable', true],
    [503, 'upstream_unavailable', true],
    [529, 'upstream_unavailable', true],
    [400, 'bad_request', false],
    [404, 'bad_request', false],
    [422, 'bad_request', false],
  ] as const)('maps %i to %s (retryable: %s)', (status, kind, retryable) => {
    const error = errorFromStatus(ctx, {
      status,
      body: JSON.stringify({ error: { message: 'provider says why' } }),
    });
    expect(error).toMatchObject({ kind, retryable, status, providerId: 'groq' });
    expect(error.message).toContain('provider says why');
    expect(error.message).toContain(String(status));
  });

  it('puts the credentials fix in a 401, the model in a 404, and the wait in a 429', () => {
    expect(errorFromStatus(ctx, { status: 401, body: undefined }).suggestion).toBe(
      'Check GROQ_API_KEY in .env.',
    );
    const missing = errorFromStatus(ctx, { status: 404, body: undefined, modelId: 'llama-9' });
    expect(missing.message).toContain('"llama-9"');
    expect(missing.suggestion).toMatch(/models\.list/);
    const limited = errorFromStatus(ctx, { status: 429, body: undefined, retryAfter: '12' });
    expect(limited).toMatchObject({ retryAfterMs: 12_000 });
    expect(limited.suggestion).toContain('12 s');
  });

  it('lets a provider read its own body', () => {
    const withHints: ErrorContext = {
      ...ctx,
      readErrorBody: () => ({ kind: 'authentication', retryAfterMs: 5 }),
    };
    expect(errorFromStatus(withHints, { status: 400, body: '{}' })).toMatchObject({
      kind: 'authentication',
      retryAfterMs: 5,
    });
  });
});

describe('messageFromBody', () => {
  it('finds the message in every provider’s format', () => {
    expect(messageFromBody({ error: { message: 'openai', type: 'x', code: null } })).toBe('openai');
    expect(
      messageFromBody({ type: 'error', error: { type: 'rate_limit_error', message: 'anthropic' } }),
    ).toBe('anthropic');
    expect(
      messageFromBody({ error: { code: 429, message: 'gemini', status: 'RESOURCE_EXHAUSTED' } }),
    ).toBe('gemini');
    expect(messageFromBody({ error: 'ollama' })).toBe('ollama');
    expect(messageFromBody({ detail: 'fastapi' })).toBe('fastapi');
    expect(messageFromBody('<html><body>Bad Gateway</body></html>')).toBe(
      'the server answered with an HTML page',
    );
    expect(messageFromBody('upstream connect error')).toBe('upstream connect error');
    expect(messageFromBody({})).toBeNull();
  });
});

describe('toProviderError', () => {
  it('keeps a ProviderError found anywhere in the cause chain', () => {
    const inner = new ProviderError('groq', 'timeout', 't', 's');
    expect(toProviderError(ctx, new Error('wrapped', { cause: inner }))).toBe(inner);
  });

  it('reads status, body and retry-after from the SDK’s APICallError', () => {
    const error = new APICallError({
      message: 'Too Many Requests',
      url: 'http://x',
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { 'Retry-After': '2' },
      responseBody: '{"error":{"message":"Rate limit reached for model"}}',
    });
    expect(toProviderError(ctx, error)).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 2000,
      message: expect.stringContaining('Rate limit reached'),
    });
  });

  it('calls a broken 2xx body a dropped connection and a failed fetch unreachable', () => {
    const dropped = new APICallError({
      message: 'Failed to process successful response',
      url: 'http://x',
      requestBodyValues: {},
      statusCode: 200,
      cause: new TypeError('terminated'),
    });
    expect(toProviderError(ctx, dropped)).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('terminated'),
    });
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(toProviderError(ctx, refused)).toMatchObject({
      kind: 'network',
      suggestion: 'Check GROQ_BASE_URL.',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(toProviderError(ctx, new Error('odd'))).toMatchObject({
      kind: 'unknown',
      retryable: false,
    });
  });

  it('describes itself for a pane', () => {
    expect(
      new ProviderError('groq', 'rate_limit', 'm', 's', { status: 429, retryAfterMs: 10 }).toInfo(),
    ).toEqual({ kind: 'rate_limit', message: 'm', suggestion: 's', retryable: true, status: 429 });
    expect(new ProviderError('groq', 'network', 'm', 's').toInfo()).toEqual({
      kind: 'network',
      message: 'm',
      suggestion: 's',
      retryable: true,
    });
  });
});
