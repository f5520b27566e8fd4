import { useState } from 'react';

import { Dialog } from './Dialog';

/** Asks for one line of text (a new title, a preset's name): the app's own `prompt()`. */
export function PromptDialog({
  title,
  label,
  initial = '',
  submitLabel,
  maxLength,
  validate,
  onSubmit,
  onClose,
  returnFocus,
}: {
  title: string;
  label: string;
  initial?: string;
  submitLabel: string;
  maxLength?: number;
  /** An error to show for this value, or null when it is fine. */
  validate?: (value: string) => string | null;
  onSubmit: (value: string) => void;
  onClose: () => void;
  returnFocus?: () => HTMLElement | null | undefined;
}) {
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  const error = value.trim() === '' ? `${label} must not be empty.` : (validate?.(value) ?? null);
  return (
    <Dialog title={title} onClose={onClose} {...(returnFocus ? { returnFocus } : {})}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (error) return;
          onSubmit(value.trim());
          onClose();
        }}
      >
        <label>
          {label}
          <input
            type="text"
            value={value}
            maxLength={maxLength}
            onChange={(e) => setValue(e.target.value)}
            onFocus={(e) => e.currentTarget.select()}
            aria-invalid={touched && error !== null}
          />
        </label>
        {touched && error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
