export type ShortcutAction =
  'focus-prompt' | 'new-session' | 'sessions' | 'models' | 'compare' | 'theme' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** The key alone, when focus is not in a text field. */
  key: string;
  /**
   * With Alt, anywhere, even while typing in the prompt. Matched on the physical key (`code`):
   * on a Mac, Option changes the character a key types (Option+N is a dead key).
   */
  code: string | null;
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'focus-prompt', key: '/', code: null, label: 'Go to the prompt' },
  { action: 'new-session', key: 'n', code: 'KeyN', label: 'New session' },
  { action: 'sessions', key: 's', code: 'KeyS', label: 'Search sessions' },
  { action: 'models', key: 'm', code: 'KeyM', label: 'Choose models' },
  { action: 'compare', key: 'c', code: 'KeyC', label: 'Compare the latest answers' },
  { action: 'theme', key: 't', code: 'KeyT', label: 'Light or dark theme' },
  { action: 'help', key: '?', code: 'Slash', label: 'Keyboard shortcuts' },
];

export interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * The shortcut a key press means. While typing (`typing`), only Alt combinations count, so text
 * is never swallowed; Ctrl and Cmd combinations stay the browser's.
 */
export function shortcutFor(press: KeyPress, typing: boolean): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey) return null;
  if (press.altKey) return SHORTCUTS.find((s) => s.code === press.code)?.action ?? null;
  if (typing) return null;
  return SHORTCUTS.find((s) => s.key === press.key)?.action ?? null;
}

/** Whether keys typed now go into a text field (plain-key shortcuts must then stay quiet). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type)
  );
}
