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

/** Gemini's Generative Language API (v1beta), as @ai-sdk/google and Google's own SDKs call it. */
export const gemini: FlavorSpec = {
  prefix: '/v1beta',
  defaultModels: ['gemini-2.0-flash', 'gemini-1.5-pro'],
  authorized: (request, url, apiKey) =>
    request.headers['x-goog-api-key'] === apiKey || url.searchParams.get('key') === apiKey,
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
    const usageMetadata = {
      promptTokenCount: plan.usage.input,
      candidatesTokenCount: plan.usage.output,
      totalTokenCount: plan.usage.input + plan.usage.output,
      ...(plan.usage.cached ? { cachedContentTokenCount: plan.usage.cached } : {}),
    };
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
          usageMetadata: { promptTokenCount: plan.usage.input, totalTokenCount: plan.usage.input },
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
      body: {
        models: [
          ...models.map((m) => ({
            name: `models/${m}`,
            version: '001',
            displayName: m.replace(/^gemini-/, 'Gemini '),
            description: `Fake ${m}`,
            inputTokenLimit: 1_048_576,
            outputTokenLimit: 8192,
            supportedGenerationMethods: ['generateContent', 'countTokens', 'streamGenerateContent'],
          })),
          // The real list includes models that cannot stream answers; clients must filter them out.
          {
            name: 'models/text-embedding-004',
            version: '004',
            displayName: 'Text Embedding 004',
            inputTokenLimit: 2048,
            outputTokenLimit: 1,
            supportedGenerationMethods: ['embedContent'],
          },
        ],
      },
    },
  }),
  unauthorizedMessage: 'API key not valid. Please pass a valid API key.',
};
