import { describe, expect, it } from 'vitest';

import { parseArgs } from './args';

describe('parseArgs', () => {
  it('reads url, models and the prompt', () => {
    expect(
      parseArgs([
        '--url',
        'http://h:1/',
        '--model',
        'groq/llama-3.1-8b-instant',
        '--model',
        'litellm/openai/gpt-4o',
        'Hi',
        'there',
      ]),
    ).toEqual({
      url: 'http://h:1',
      prompt: 'Hi there',
      models: [
        { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
        { providerId: 'litellm', modelId: 'openai/gpt-4o' },
      ],
    });
  });

  it('defaults to the demo models and explains mistakes', () => {
    expect(parseArgs(['hello']).models.map((m) => m.modelId)).toEqual([
      'demo-fast',
      'demo-balanced',
      'demo-slow',
    ]);
    expect(() => parseArgs(['--model', 'nomodel', 'x'])).toThrow(/provider\/model/);
    expect(() => parseArgs([])).toThrow(/Give a prompt/);
  });
});
