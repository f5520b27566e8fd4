const KEY = 'broadcast.draft';

const store = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

/** The unsent prompt survives a reload of this tab (sessionStorage: per tab, gone when it closes). */
export function loadDraft(storage = store()): string {
  try {
    return storage?.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(text: string, storage = store()): void {
  try {
    if (text) storage?.setItem(KEY, text);
    else storage?.removeItem(KEY);
  } catch {
    // Storage full or denied: the draft still lives in the box.
  }
}
