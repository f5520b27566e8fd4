import type { ReactNode } from 'react';

import { Dialog } from './Dialog';

/** Asks before doing something that cannot be undone: the app's own `confirm()`. Cancel has focus first. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  returnFocus,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  returnFocus?: () => HTMLElement | null | undefined;
}) {
  return (
    <Dialog title={title} onClose={onClose} {...(returnFocus ? { returnFocus } : {})}>
      <div className="dialog-text">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
