import { useEffect, useId, useState } from 'react';

import { LIMITS, type ModelSelection } from '@mlb/contracts';

import { BudgetField } from '../budget/BudgetField';
import { parseBudget } from '../budget/forecast-format';
import { ForecastLine } from '../budget/ForecastLine';
import { useForecast } from '../budget/use-forecast';
import { loadDraft, saveDraft } from './draft';

import './composer.css';

/**
 * The prompt box. A prompt leaves it only when the server accepted it: `onSend` resolves to
 * whether it did, and on failure the text stays for the user to send again.
 */
export function Composer({
  blocked,
  sending,
  models,
  sessionId,
  onSend,
  onLeave,
}: {
  /** Why nothing can be sent now (no model chosen, the session is gone), or null. */
  blocked: string | null;
  sending: boolean;
  /** What the send would ask (modelsToSend of the targets): the forecast is of exactly these. */
  models: ModelSelection[];
  sessionId: string | null;
  onSend: (prompt: string, options: { budgetUsd: number | null }) => Promise<boolean>;
  /** Esc: the user leaves the box (focus goes elsewhere, shortcuts work again). */
  onLeave: () => void;
}) {
  const [prompt, setPrompt] = useState(loadDraft);
  const reasonId = useId();
  const [budget, setBudget] = useState('');
  useEffect(() => saveDraft(prompt), [prompt]);
  const budgetUsd = parseBudget(budget, LIMITS.budgetMaxUsd);
  const forecast = useForecast({
    prompt,
    models,
    sessionId,
    budgetUsd: budgetUsd.ok ? budgetUsd.usd : null,
  });
  const reason =
    blocked ??
    (sending
      ? 'Sending…'
      : prompt.trim() === ''
        ? 'Type a prompt first.'
        : budgetUsd.ok
          ? null
          : 'Correct the budget first, or clear it.');
  const send = () => {
    if (reason || !budgetUsd.ok) return;
    const sent = prompt;
    void onSend(sent, { budgetUsd: budgetUsd.usd }).then((accepted) => {
      // Clear only what was sent: text typed while it was on its way stays.
      if (accepted) setPrompt((current) => (current === sent ? '' : current));
    });
  };
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="composer-input">
        <textarea
          id="prompt"
          aria-label="Prompt"
          placeholder="Ask every selected model at once… (Enter sends, Shift+Enter for a new line)"
          value={prompt}
          maxLength={LIMITS.promptMaxChars}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              onLeave();
            }
          }}
        />
        {prompt.trim() !== '' && models.length > 0 ? (
          <ForecastLine
            forecast={forecast.data}
            loading={forecast.isFetching}
            error={forecast.isError}
          />
        ) : null}
      </div>
      <div className="send">
        <BudgetField value={budget} onChange={setBudget} />
        {/* aria-disabled, not disabled: the button stays focusable and hoverable, so it can say why. */}
        <button
          type="submit"
          className="primary"
          aria-disabled={reason !== null}
          aria-describedby={reason ? reasonId : undefined}
          title={reason ?? undefined}
        >
          {sending ? 'Sending…' : 'Broadcast'}
        </button>
        {reason ? (
          // An empty box explains itself (its placeholder); other reasons are shown.
          <span
            className={prompt.trim() === '' && !blocked ? 'visually-hidden' : 'send-reason'}
            id={reasonId}
          >
            {reason}
          </span>
        ) : null}
      </div>
    </form>
  );
}
