import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the platform's `<dialog>`: `showModal()` puts it in the top layer, makes the
 * rest of the page inert (so focus cannot leave it) and closes it on Esc. What the platform
 * leaves to us: telling React it closed, closing on a click outside it, and putting focus back
 * where it was (or on `returnFocus`, when the element that opened it is gone, e.g. a menu item).
 * Mount it to open it, unmount it to close it.
 */
export function Dialog({
  title,
  onClose,
  returnFocus,
  className,
  children,
}: {
  title: string;
  onClose: () => void;
  returnFocus?: () => HTMLElement | null | undefined;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The latest callbacks, without reopening the dialog when they change.
  const latest = useRef({ onClose, returnFocus });
  useLayoutEffect(() => {
    latest.current = { onClose, returnFocus };
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      const target = latest.current.returnFocus?.() ?? opener;
      // After this commit: the element to focus may be re-rendered by it.
      requestAnimationFrame(() => {
        if (target?.isConnected) target.focus();
      });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={titleId}
      // Esc: the platform closes it; we let React decide instead (it unmounts it).
      onCancel={(e) => {
        e.preventDefault();
        latest.current.onClose();
      }}
      // Closed some other way (a form with method="dialog", the browser): tell React.
      onClose={() => latest.current.onClose()}
      // A click on the backdrop lands on the <dialog> itself; its content is one box inside.
      onClick={(e) => {
        if (e.target === e.currentTarget) latest.current.onClose();
      }}
    >
      <div className="modal-body">
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </dialog>
  );
}
