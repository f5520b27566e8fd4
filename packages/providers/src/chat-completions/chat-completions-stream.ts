import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { createParser } from 'eventsource-parser';

import type { Usage } from '@mlb/contracts';

import type { ErrorContext } from '../errors/error-context';
import { errorFromStatus } from '../errors/from-status';
import { ProviderError } from '../errors/provider-error';
import { connectTimeoutError } from '../errors/to-provider-error';
import { joinUrl } from '../http/join-url';
import { trackRequest } from '../http/pending-requests';
import type { StreamPart, StreamRequest } from '../types';
import { endReasonOf, readChunk } from './chat-chunk';
import { PartQueue } from './part-queue';

export interface ChatCompletionsSettings {
  context: ErrorContext;
  /** Where `/chat/completions` lives, e.g. http://localhost:4000/v1. */
  baseUrl: string;
  headers: Record<string, string>;
  connectMs: number;
}

/** An error body is read up to this size: enough for any provider's message, bounded for a hostile one. */
const MAX_ERROR_BODY = 64 * 1024;

function requestBody(request: StreamRequest): string {
  const { params } = request;
  return JSON.stringify({
    model: request.modelId,
    messages: request.messages,
    stream: true,
    // Without it these servers send no token counts at all.
    stream_options: { include_usage: true },
    ...(params?.temperature === undefined ? {} : { temperature: params.temperature }),
    ...(params?.maxTokens === undefined ? {} : { max_tokens: params.maxTokens }),
    ...(params?.topP === undefined ? {} : { top_p: params.topP }),
  });
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (piece: string) => {
      if (body.length < MAX_ERROR_BODY) body += piece;
    });
    response.on('end', () => resolve(body));
    response.on('error', () => resolve(body));
    response.on('close', () => resolve(body));
  });
}

const brokeOff = (ctx: ErrorContext, reason: string) =>
  new ProviderError(
    ctx.providerId,
    'network',
    `The connection to ${ctx.label} broke off mid-answer (${reason}).`,
    'Retry the pane; the text received so far is kept.',
  );

const unreachable = (ctx: ErrorContext, error: Error) =>
  new ProviderError(
    ctx.providerId,
    'network',
    `Could not reach ${ctx.label}: ${error.message}${'code' in error && typeof error.code === 'string' && !error.message.includes(error.code) ? ` (${error.code})` : ''}.`,
    ctx.fixConnection,
    { cause: error },
  );

/**
 * One streamed chat completion from an OpenAI-compatible server (LiteLLM, Groq, Ollama, vLLM…),
 * straight off the socket: `node:http`, `eventsource-parser` on the decoded text, and plain reads
 * of the few fields used. This path carries every token of most answers, so it does no more per
 * chunk than it must; the AI SDK's packages stay for the providers whose wire formats differ
 * (Gemini, Anthropic) and for OpenAI itself. Parts as every adapter yields them: text deltas, then
 * usage, then exactly one finish; an HTTP failure or a broken stream is one error part first.
 */
export function streamChatCompletions(s: ChatCompletionsSettings) {
  const url = new URL(joinUrl(s.baseUrl, 'chat/completions'));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  // Nothing is sent until the answer is read, as with an async generator.
  return (request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart> => ({
    [Symbol.asyncIterator]: () => start(request, signal),
  });

  function start(request: StreamRequest, signal: AbortSignal): AsyncIterator<StreamPart> {
    const ctx = s.context;
    // The consumer stopped early: close the upstream request with it.
    const queue = new PartQueue<StreamPart>(() => {
      if (done) return;
      done = true;
      cleanup();
      req.destroy();
    });
    let finishReason: string | null = null;
    let usage: Usage | null = null;
    let failure: ProviderError | null = null;
    let done = false;
    let response: IncomingMessage | null = null;

    const fail = (error: ProviderError) => {
      failure ??= error;
      finish();
    };
    // The text of one network read, passed on as one part: a read that brought several events
    // (a busy moment) costs the pipeline after it one step instead of one per token.
    let text = '';
    const pushText = () => {
      if (text === '') return;
      queue.push({ type: 'text-delta', text });
      text = '';
    };
    const finish = () => {
      if (done) return;
      done = true;
      pushText();
      cleanup();
      if (signal.aborted)
        queue.push({ type: 'finish', reason: 'stopped', providerFinishReason: null });
      else if (failure) {
        queue.push({ type: 'error', error: failure });
        queue.push({ type: 'finish', reason: 'error', providerFinishReason: null });
      } else {
        if (usage) queue.push({ type: 'usage', usage });
        queue.push({
          type: 'finish',
          reason: endReasonOf(finishReason ?? 'stop'),
          providerFinishReason: finishReason,
        });
      }
      queue.end();
    };

    const body = requestBody(request);
    const sent = trackRequest();
    const onAbort = () => {
      req.destroy();
      finish();
    };
    const connectTimer = setTimeout(() => {
      fail(connectTimeoutError(ctx, s.connectMs));
      req.destroy();
    }, s.connectMs);
    const cleanup = () => {
      clearTimeout(connectTimer);
      sent();
      signal.removeEventListener('abort', onAbort);
    };

    const req: ClientRequest = send(
      url,
      {
        method: 'POST',
        headers: {
          ...s.headers,
          'content-type': 'application/json',
          accept: 'text/event-stream',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        clearTimeout(connectTimer);
        sent();
        const status = response.statusCode ?? 0;
        if (status >= 400 || status < 200) {
          void readBody(response).then((text) =>
            fail(
              errorFromStatus(ctx, {
                status,
                body: text,
                retryAfter: [response.headers['retry-after']].flat()[0],
                modelId: request.modelId,
              }),
            ),
          );
          return;
        }
        const parser = createParser({
          onEvent: ({ data }) => {
            if (done) return;
            if (data === '[DONE]') return finish();
            let chunk;
            try {
              chunk = readChunk(data);
            } catch {
              return fail(brokeOff(ctx, 'a chunk that is not JSON'));
            }
            if (chunk.error) {
              return fail(
                errorFromStatus(ctx, {
                  status: chunk.error.code === 'rate_limit_exceeded' ? 429 : 500,
                  body: JSON.stringify({
                    error: { message: chunk.error.message, code: chunk.error.code },
                  }),
                }),
              );
            }
            if (chunk.text !== null) text += chunk.text;
            if (chunk.finishReason !== null) finishReason = chunk.finishReason;
            if (chunk.usage) usage = chunk.usage;
          },
        });
        // Decoding as utf8 keeps a character split across two reads whole.
        response.setEncoding('utf8');
        response.on('data', (piece: string) => {
          parser.feed(piece);
          if (!done) pushText();
          queue.flush();
        });
        response.on('end', () => {
          // A stream that ends without [DONE] but with a finish reason is complete (some servers
          // omit the sentinel); without either it broke off.
          if (finishReason === null) fail(brokeOff(ctx, 'the stream ended before the answer did'));
          else finish();
        });
        response.on('error', (error) => fail(brokeOff(ctx, error.message)));
        response.on('close', () => {
          if (!done) fail(brokeOff(ctx, 'the connection closed'));
        });
      },
    );
    req.on('error', (error) => {
      if (!done) fail(response === null ? unreachable(ctx, error) : brokeOff(ctx, error.message));
    });
    req.on('response', (r) => (response = r));
    // Written to the socket: the provider has the request, whatever it answers and when.
    req.on('finish', sent);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    req.end(body);

    return queue;
  }
}
