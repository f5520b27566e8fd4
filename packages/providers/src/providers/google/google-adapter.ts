import { createGoogleGenerativeAI } from '@ai-sdk/google';

import type { ModelInfo } from '@mlb/contracts';

import { createAiSdkAdapter } from '../../ai-sdk/ai-sdk-adapter';
import type { ErrorContext } from '../../errors/error-context';
import { fetchWithConnectTimeout } from '../../http/connect-timeout-fetch';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
import { usableModels } from '../../models/usable-models';
import type { ModelFacts } from '../../provider-definition';
import type { ProviderAdapter } from '../../types';
import { readGeminiErrorBody } from './google-errors';
import {
  canGenerateText,
  geminiModelListSchema,
  modelIdOf,
  type GeminiModel,
} from './google-models';

export interface GoogleSettings {
  /** e.g. https://generativelanguage.googleapis.com/v1beta */
  baseUrl: string;
  apiKey: string;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

/** A bound on pages, so a misbehaving list cannot loop forever. */
const MAX_PAGES = 10;

/** Gemini via @ai-sdk/google (`:streamGenerateContent?alt=sse`); models from the API's own list. */
export function createGoogleAdapter(s: GoogleSettings): ProviderAdapter {
  const context: ErrorContext = {
    providerId: 'google',
    label: 'Google Gemini',
    fixCredentials:
      'Check GOOGLE_API_KEY in .env (a Gemini API key from Google AI Studio) and restart the server.',
    fixConnection: `Check that GOOGLE_BASE_URL (${s.baseUrl}) is reachable.`,
    fixModels:
      'Check that the Gemini API is enabled for the project of GOOGLE_API_KEY (Google AI Studio lists the models it can use).',
    readErrorBody: readGeminiErrorBody,
  };
  const google = createGoogleGenerativeAI({
    baseURL: s.baseUrl,
    apiKey: s.apiKey,
    fetch: fetchWithConnectTimeout(context, s.connectMs),
  });
  const headers = { 'x-goog-api-key': s.apiKey };
  const page = (query: string, signal?: AbortSignal) =>
    getJson(context, joinUrl(s.baseUrl, `models?${query}`), {
      headers,
      signal,
      timeoutMs: s.connectMs,
      schema: geminiModelListSchema,
    });

  return createAiSdkAdapter({
    ...context,
    languageModel: (modelId) => google(modelId),
    async listModels(signal) {
      // The list comes in pages (50 models by default); follow nextPageToken to the end.
      const listed: GeminiModel[] = [];
      let token: string | undefined;
      for (let i = 0; i < MAX_PAGES; i += 1) {
        const body = await page(
          `pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
          signal,
        );
        listed.push(...body.models);
        token = body.nextPageToken;
        if (!token) break;
      }
      return usableModels(context, listed, canGenerateText)
        .map((m) =>
          s.describeModel(modelIdOf(m), { label: m.displayName, contextWindow: m.inputTokenLimit }),
        )
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    check: (signal) => page('pageSize=1', signal),
  });
}
