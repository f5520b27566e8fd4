import { describe, expect, it } from 'vitest';

import type { ProviderModels } from '@mlb/contracts';

import {
  deletePreset,
  loadPresets,
  loadSelection,
  savePreset,
  saveSelection,
  startingSelection,
  toggleModel,
} from './selection';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
    key: () => null,
    length: 0,
  };
}

function provider(
  id: string,
  models: string[],
  extra: { configured?: boolean; error?: string } = {},
): ProviderModels {
  const configured = extra.configured ?? true;
  return {
    provider: {
      id,
      label: id,
      configured,
      state: configured ? 'healthy' : 'not_configured',
      latencyMs: null,
      checkedAt: null,
      lastError: null,
      hint: configured ? null : `Set ${id.toUpperCase()}_API_KEY`,
      simulated: id === 'demo',
    },
    models: models.map((m) => ({ providerId: id, id: m, label: m, simulated: id === 'demo' })),
    error: extra.error ?? null,
  };
}

describe('model selection', () => {
  it('remembers the last selection and named presets', () => {
    const storage = memory();
    expect(loadSelection(storage)).toBeNull();
    saveSelection([{ providerId: 'groq', modelId: 'llama' }], storage);
    expect(loadSelection(storage)).toEqual([{ providerId: 'groq', modelId: 'llama' }]);
    savePreset('fast', [{ providerId: 'demo', modelId: 'demo-fast' }], storage);
    savePreset('slow', [{ providerId: 'demo', modelId: 'demo-slow' }], storage);
    expect(Object.keys(loadPresets(storage))).toEqual(['fast', 'slow']);
    expect(Object.keys(deletePreset('fast', storage))).toEqual(['slow']);
    expect(Object.keys(loadPresets(storage))).toEqual(['slow']);
  });

  it('toggles a model and caps the selection at the API’s 24 panes per broadcast', () => {
    const one = toggleModel([], { providerId: 'a', modelId: 'm' });
    expect(one).toHaveLength(1);
    expect(toggleModel(one, { providerId: 'a', modelId: 'm' })).toEqual([]);
    const full = Array.from({ length: 24 }, (_, i) => ({ providerId: 'p', modelId: String(i) }));
    expect(toggleModel(full, { providerId: 'p', modelId: 'x' })).toHaveLength(24);
    expect(toggleModel(full.slice(1), { providerId: 'p', modelId: 'x' })).toHaveLength(24);
  });
});

describe('startingSelection', () => {
  const demo = provider('demo', ['demo-fast', 'demo-balanced', 'demo-slow']);
  const groq = provider('groq', ['llama-3.1-8b-instant', 'gemma2']);
  const google = provider('google', ['gemini-2.0-flash']);
  const openai = provider('openai', [], { configured: false });

  it('starts a first run with the demo models when the demo provider is there', () => {
    expect(startingSelection(null, [demo, groq]).map((m) => m.modelId)).toEqual([
      'demo-fast',
      'demo-balanced',
      'demo-slow',
    ]);
  });

  it('without the demo provider, picks one model of each configured provider, or none', () => {
    expect(startingSelection(null, [openai, groq, google])).toEqual([
      { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
      { providerId: 'google', modelId: 'gemini-2.0-flash' },
    ]);
    expect(startingSelection(null, [openai])).toEqual([]);
    expect(startingSelection(null, [provider('groq', [], { error: 'down' })])).toEqual([]);
  });

  it('drops remembered models the server no longer offers, never inventing one', () => {
    const remembered = [
      { providerId: 'demo', modelId: 'demo-fast' },
      { providerId: 'groq', modelId: 'gone-model' },
      { providerId: 'groq', modelId: 'gemma2', temperature: 0.3 },
    ];
    expect(startingSelection(remembered, [groq, openai])).toEqual([
      { providerId: 'groq', modelId: 'gemma2', temperature: 0.3 },
    ]);
    // A provider whose list failed may still answer: its models stay.
    expect(
      startingSelection(remembered, [provider('groq', [], { error: 'timeout' })]).map(
        (m) => m.modelId,
      ),
    ).toEqual(['gone-model', 'gemma2']);
    // None left: as on a first run; an empty choice stays empty.
    expect(startingSelection([{ providerId: 'demo', modelId: 'demo-fast' }], [groq])).toEqual([
      { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
    ]);
    expect(startingSelection([], [groq])).toEqual([]);
  });
});
