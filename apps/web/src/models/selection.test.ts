import { describe, expect, it } from 'vitest';

import {
  DEFAULT_SELECTION,
  loadPresets,
  loadSelection,
  savePreset,
  saveSelection,
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

describe('model selection', () => {
  it('remembers the last selection and named presets', () => {
    const storage = memory();
    expect(loadSelection(storage)).toEqual(DEFAULT_SELECTION);
    saveSelection([{ providerId: 'groq', modelId: 'llama' }], storage);
    expect(loadSelection(storage)).toEqual([{ providerId: 'groq', modelId: 'llama' }]);
    savePreset('fast', [{ providerId: 'demo', modelId: 'demo-fast' }], storage);
    expect(Object.keys(loadPresets(storage))).toEqual(['fast']);
  });

  it('toggles a model and caps the selection at 12', () => {
    const one = toggleModel([], { providerId: 'a', modelId: 'm' });
    expect(one).toHaveLength(1);
    expect(toggleModel(one, { providerId: 'a', modelId: 'm' })).toEqual([]);
    const full = Array.from({ length: 12 }, (_, i) => ({ providerId: 'p', modelId: String(i) }));
    expect(toggleModel(full, { providerId: 'p', modelId: 'x' })).toHaveLength(12);
  });
});
