import { afterEach, describe, expect, it } from 'vitest';

import { columnTemplate, loadColumns, parseColumns, saveColumns } from './columns';

describe('columnTemplate', () => {
  it('leaves auto to the stylesheet', () => {
    expect(columnTemplate('auto', 24)).toBeUndefined();
  });

  it('sets equal columns, never more than the panes', () => {
    expect(columnTemplate(6, 24)).toBe('repeat(6, minmax(0, 1fr))');
    expect(columnTemplate(4, 2)).toBe('repeat(2, minmax(0, 1fr))');
    expect(columnTemplate(3, 0)).toBe('repeat(1, minmax(0, 1fr))');
  });
});

describe('the remembered setting', () => {
  const store = new Map<string, string>();
  globalThis.localStorage ??= {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  } as Storage;
  afterEach(() => saveColumns('auto'));

  it('reads only 1–6, anything else is auto', () => {
    expect(parseColumns('3')).toBe(3);
    expect(parseColumns('7')).toBe('auto');
    expect(parseColumns('2.5')).toBe('auto');
    expect(parseColumns(null)).toBe('auto');
  });

  it('comes back as it was saved', () => {
    saveColumns(5);
    expect(loadColumns()).toBe(5);
    saveColumns('auto');
    expect(loadColumns()).toBe('auto');
  });
});
