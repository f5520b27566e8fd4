import './votes.css';

import type { Deciding } from './use-deciding';

/** Blind mode: letters instead of model names until the latest turn is voted on. */
export function BlindToggle({ deciding }: { deciding: Deciding }) {
  return (
    <button
      type="button"
      className="blind-toggle"
      aria-pressed={deciding.blind}
      title="Hide which model wrote which answer until you vote"
      onClick={() => deciding.setBlind(!deciding.blind)}
    >
      Blind
    </button>
  );
}
