import { describe, expect, it } from 'vitest';

import type { ErrorContext } from '../errors/error-context';
import { ProviderError } from '../errors/provider-error';
import { usableModels } from './usable-models';

const ctx: ErrorContext = {
  providerId: 'ollama',
  label: 'Ollama',
  fixCredentials: '',
  fixConnection: '',
  fixModels: 'Pull a chat model, e.g. `ollama pull llama3.2`, then refresh the model list.',
};

function refusal(list: string[]): ProviderError {
  try {
    usableModels(ctx, list, (id) => !id.includes('embed'));
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('usableModels', () => {
  it('keeps the models that can chat', () => {
    expect(
      usableModels(ctx, ['llama3.2', 'nomic-embed-text'], (id) => !id.includes('embed')),
    ).toEqual(['llama3.2']);
  });

  it('refuses a list without a chat model, saying how many it listed and what to do', () => {
    expect(refusal(['nomic-embed-text', 'mxbai-embed-large'])).toMatchObject({
      kind: 'upstream_unavailable',
      retryable: false,
      message: 'Ollama answered, but none of its 2 models can generate text.',
      suggestion: ctx.fixModels,
    });
    expect(refusal([]).message).toBe('Ollama answered, but lists no models.');
  });
});
