import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';

import { FORECAST_DEFAULT_MAX_OUTPUT_TOKENS, type MessageView, type Usage } from '@mlb/contracts';

import { forecastModel, promptMessage } from './forecast-model';

/** $3 per million input tokens, $15 per million output tokens. */
const price = (usage: Usage) => (3 * usage.inputTokens + 15 * usage.outputTokens) / 1e6;

const said = (role: 'user' | 'assistant', content: string): MessageView => ({
  ...promptMessage(content),
  role,
});

describe('forecastModel', () => {
  it('counts the system prompt, the thread and the prompt, and prices input and most output by hand', () => {
    const thread = [said('user', 'Name a prime.'), said('assistant', 'Seven.')];
    const forecast = forecastModel(
      {
        providerId: 'groq',
        modelId: 'm',
        params: { maxTokens: 500 },
        systemPrompt: 'Be brief.',
        paneId: 'pane-1',
        thread,
        prompt: 'And another?',
      },
      price,
    );
    // 3 framing tokens per message (system, user, assistant, user) and 3 priming the reply.
    const prompt = countTokens('And another?');
    const input =
      3 +
      countTokens('Be brief.') +
      3 +
      countTokens('Name a prime.') +
      3 +
      countTokens('Seven.') +
      3 +
      prompt +
      3;
    expect(forecast).toEqual({
      providerId: 'groq',
      modelId: 'm',
      paneId: 'pane-1',
      inputTokens: input,
      promptTokens: prompt,
      threadTokens: input - prompt,
      maxOutputTokens: 500,
      maxOutputSource: 'params',
      inputPricePerMTok: 3,
      outputPricePerMTok: 15,
      minCostUsd: expect.closeTo((3 * input) / 1e6, 15),
      maxCostUsd: expect.closeTo((3 * input + 15 * 500) / 1e6, 15),
    });
  });

  it('assumes the stated default output without maxTokens, and says so', () => {
    const forecast = forecastModel(
      {
        providerId: 'p',
        modelId: 'm',
        params: {},
        systemPrompt: null,
        paneId: null,
        thread: [],
        prompt: 'Hi',
      },
      price,
    );
    const input = 3 + countTokens('Hi') + 3;
    expect(forecast).toMatchObject({
      inputTokens: input,
      threadTokens: input - countTokens('Hi'),
      maxOutputTokens: FORECAST_DEFAULT_MAX_OUTPUT_TOKENS,
      maxOutputSource: 'default',
      maxCostUsd: expect.closeTo((3 * input + 15 * FORECAST_DEFAULT_MAX_OUTPUT_TOKENS) / 1e6, 15),
    });
  });

  it('says a price is unknown rather than guessing', () => {
    const forecast = forecastModel(
      {
        providerId: 'p',
        modelId: 'm',
        params: {},
        systemPrompt: null,
        paneId: null,
        thread: [],
        prompt: 'Hi',
      },
      () => null,
    );
    expect(forecast).toMatchObject({
      inputPricePerMTok: null,
      outputPricePerMTok: null,
      minCostUsd: null,
      maxCostUsd: null,
    });
  });
});
