import { describe, expect, it } from 'vitest';

import { loadDraft, saveDraft } from './draft';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
    key: () => null,
    get length() {
      return map.size;
    },
  };
}

describe('the unsent prompt', () => {
  it('survives a reload of the tab, and is forgotten once sent', () => {
    const storage = memory();
    expect(loadDraft(storage)).toBe('');
    saveDraft('half a thought', storage);
    expect(loadDraft(storage)).toBe('half a thought');
    saveDraft('', storage);
    expect(loadDraft(storage)).toBe('');
    expect(storage.length).toBe(0);
  });

  it('a storage that refuses writes loses nothing but the copy', () => {
    const full = memory();
    full.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(() => saveDraft('text', full)).not.toThrow();
  });
});
