import { Fragment } from 'react';

import { SHORTCUTS } from './shortcuts';
import { Dialog } from './ui/Dialog';

/** Every shortcut: the key alone outside text fields, Alt with it anywhere. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts">
      <dl>
        <dt>
          <kbd>Enter</kbd>
        </dt>
        <dd>Broadcast the prompt</dd>
        <dt>
          <kbd>Shift</kbd>+<kbd>Enter</kbd>
        </dt>
        <dd>New line</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Leave the prompt, close a menu or dialog</dd>
        {SHORTCUTS.map((s) => (
          <Fragment key={s.action}>
            <dt>
              <kbd>{s.key}</kbd>
              {s.code ? (
                <>
                  {' '}
                  or <kbd>Alt</kbd>+<kbd>{s.key === '?' ? '/' : s.key.toUpperCase()}</kbd>
                </>
              ) : null}
            </dt>
            <dd>{s.label}</dd>
          </Fragment>
        ))}
        <dt>
          <kbd>Shift</kbd>+<kbd>F10</kbd>, <kbd>F2</kbd>, <kbd>Delete</kbd>
        </dt>
        <dd>On a session: its menu, rename, delete</dd>
      </dl>
      <p className="muted">
        The single keys work outside text fields; with <kbd>Alt</kbd> they also work while typing.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
