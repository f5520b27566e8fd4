import type { ReactNode } from 'react';

import { answerElementId, focusAnswer } from './focus-answer';

/**
 * A link to a source answer in another pane: a real link (its target is the answer's id), which
 * scrolls to the answer, focuses and highlights it instead of jumping.
 */
export function SourceLink({
  paneId,
  messageId,
  label,
  className,
  children,
}: {
  paneId: string;
  messageId: string | null;
  /** The accessible name, e.g. "Source A: litellm / gpt-4o-mini". */
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a
      href={messageId ? `#${answerElementId(messageId)}` : `#pane-${paneId}`}
      className={className}
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.preventDefault();
        focusAnswer(paneId, messageId);
      }}
    >
      {children}
    </a>
  );
}
