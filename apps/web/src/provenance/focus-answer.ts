/** The element id of an answer, so a citation or a "From …" link can point at it. */
export const answerElementId = (messageId: string): string => `answer-${messageId}`;

const HIGHLIGHT = 'source-highlight';
const HIGHLIGHT_MS = 2000;

/**
 * Scrolls to a source answer, focuses it (answers have tabIndex -1) and highlights it briefly.
 * The exact answer when it is on screen, else the pane's current answer, else the pane: the
 * answer may have been replaced by a retry since it was cited. False when the pane is gone.
 */
export function focusAnswer(paneId: string, messageId: string | null): boolean {
  const pane = document.querySelector<HTMLElement>(`[data-pane-id="${CSS.escape(paneId)}"]`);
  const target =
    (messageId ? document.getElementById(answerElementId(messageId)) : null) ??
    pane?.querySelector<HTMLElement>('[data-testid="pane-answer"]') ??
    pane;
  if (!target) return false;
  const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
  // Restart the highlight when the same answer is chosen twice in a row: reading the layout
  // between removing and adding the class makes the browser start the animation again.
  target.classList.remove(HIGHLIGHT);
  target.getBoundingClientRect();
  target.classList.add(HIGHLIGHT);
  setTimeout(() => target.classList.remove(HIGHLIGHT), HIGHLIGHT_MS);
  return true;
}
