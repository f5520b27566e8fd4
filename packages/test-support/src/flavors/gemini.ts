import { GEMINI_400_API_KEY_INVALID } from '../fixtures/gemini/errors';
import {
  GEMINI_MODELS_PAGE_1,
  GEMINI_MODELS_PAGE_2,
  GEMINI_PAGE_TOKEN,
  geminiChatModel,
} from '../fixtures/gemini/models';
import { asRecord, textOf, type FlavorSpec, type RequestView } from './flavor';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const partsText = (parts: unknown): string =>
  Array.isArray(parts) ? parts.map(textOf).join('') : '';

function streamTarget(request: RequestView): string | null {
  const match = /^\/v1beta\/models\/([^/:]+):streamGenerateContent$/.exec(request.path);
  return request.method === 'POST' && match ? decodeURIComponent(match[1]!) : null;
}

const RECORDED = [...GEMINI_MODELS_PAGE_1.models, ...GEMINI_MODELS_PAGE_2.models];

/**
 * Gemini's Generative Language API (v1beta), as @ai-sdk/google and Google's own SDKs call it.
 * Streams and errors follow fixtures/gemini/*.ts (recorded answers).
 */
export const gemini: FlavorSpec = {
  prefix: '/v1beta',
  recordedModels: RECORDED.map((m) => m.name.replace(/^models\//, '')),
  presentedKey: (request, url) => {
    const header = request.headers['x-goog-api-key'];
    return (typeof header === 'string' ? header : undefined) ?? url.searchParams.get('key') ?? '';
  },
  errorBody: (status, message, retryAfter) => ({
    error: {
      code: status,
      message,
      status: STATUS_NAMES[status] ?? 'UNKNOWN',
      // Gemini says how long to back off inside the body, as a google.rpc.RetryInfo.
      ...(status === 429 && retryAfter && /^\d+$/.test(retryAfter)
        ? {
            details: [
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` },
            ],
          }
        : {}),
    },
  }),
  streamTarget,
  readMessages: (body) => {
    const b = asRecord(body);
    const contents = Array.isArray(b.contents) ? b.contents.map(asRecord) : [];
    const system = partsText(asRecord(b.systemInstruction).parts);
    const texts = contents.map((c) => partsText(c.parts));
    const lastUser = contents.findLast((c) => c.role !== 'model');
    return {
      all: system ? [system, ...texts] : texts,
      prompt: lastUser ? partsText(lastUser.parts) : '',
    };
  },
  includeUsage: () => true,
  frames: (plan) => {
    const promptTokensDetails = [{ modality: 'TEXT', tokenCount: plan.usage.input }];
    const usageMetadata = {
      promptTokenCount: plan.usage.input,
      candidatesTokenCount: plan.usage.output,
      totalTokenCount: plan.usage.input + plan.usage.output,
      ...(plan.usage.cached ? { cachedContentTokenCount: plan.usage.cached } : {}),
      promptTokensDetails,
    };
    // Every event repeats usageMetadata with the counts so far (fixtures/gemini/stream.ts).
    let sent = 0;
    const responseId = plan.id;
    // The real API separates events with CRLF CRLF, which naive `\n\n` parsers miss.
    const event = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;
    const candidate = (text: string, finishReason?: string) => [
      {
        content: { parts: [{ text }], role: 'model' },
        ...(finishReason ? { finishReason } : {}),
        index: 0,
      },
    ];
    return {
      open: [],
      chunk: (text) =>
        event({
          candidates: candidate(text),
          usageMetadata: {
            promptTokenCount: plan.usage.input,
            candidatesTokenCount: (sent += 1),
            totalTokenCount: plan.usage.input + sent,
            promptTokensDetails,
          },
          modelVersion: plan.modelId,
          responseId,
        }),
      close: [
        event({
          candidates: candidate('', plan.finishReason ?? 'STOP'),
          usageMetadata,
          modelVersion: plan.modelId,
          responseId,
        }),
      ],
    };
  },
  routes: (models) => ({
    'GET /v1beta/models': {
      body: null,
      // The recorded list comes in two pages: the first carries nextPageToken.
      page: (url) =>
        models
          ? { models: models.map(geminiChatModel) }
          : url.searchParams.get('pageToken') === GEMINI_PAGE_TOKEN
            ? GEMINI_MODELS_PAGE_2
            : GEMINI_MODELS_PAGE_1,
    },
  }),
  // A bad key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not a 401.
  unauthorized: () => ({ status: 400, body: GEMINI_400_API_KEY_INVALID }),
};
