import type { Deciding } from './use-deciding';

import './votes.css';

/** The composer's mode after "Continue with the winner": the next prompts go to that pane alone. */
export function WinnerMode({ deciding }: { deciding: Deciding }) {
  const { solo } = deciding;
  if (!solo) return null;
  return (
    <div className="solo-mode" data-testid="solo-mode">
      <p role="status">
        Sending to <strong>{deciding.nameOf(solo).label}</strong> only; the other panes stay as they
        are.
      </p>
      <button type="button" onClick={() => deciding.setSolo(null)}>
        Send to every pane again
      </button>
      {deciding.soloError ? (
        <p className="error-text" role="alert">
          {deciding.soloError.message} {deciding.soloError.hint}
        </p>
      ) : null}
    </div>
  );
}
