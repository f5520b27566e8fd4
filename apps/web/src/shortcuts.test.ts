import { describe, expect, it } from 'vitest';

import { shortcutFor } from './shortcuts';

const press = (
  key: string,
  code: string,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
) => ({
  key,
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('plain keys act only when the user is not typing', () => {
    expect(shortcutFor(press('n', 'KeyN'), false)).toBe('new-session');
    expect(shortcutFor(press('n', 'KeyN'), true)).toBeNull();
    expect(shortcutFor(press('?', 'Slash'), false)).toBe('help');
    expect(shortcutFor(press('x', 'KeyX'), false)).toBeNull();
  });

  it('Alt combinations act while typing, by physical key (Option+N on a Mac types a dead key)', () => {
    expect(shortcutFor(press('Dead', 'KeyN', { altKey: true }), true)).toBe('new-session');
    expect(shortcutFor(press('µ', 'KeyM', { altKey: true }), true)).toBe('models');
    expect(shortcutFor(press('/', 'Slash', { altKey: true }), true)).toBe('help');
  });

  it('leaves Ctrl and Cmd combinations to the browser', () => {
    expect(shortcutFor(press('n', 'KeyN', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press('n', 'KeyN', { altKey: true, ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press('t', 'KeyT', { metaKey: true }), false)).toBeNull();
  });
});
