import { useEffect, useId, useState } from 'react';

import { LIMITS } from '@mlb/contracts';

import { loadDraft, saveDraft } from './draft';

/**
 * The prompt box. A prompt leaves it only when the server accepted it: `onSend` resolves to
 * whether it did, and on failure the text stays for the user to send again.
 */
export function Composer({
  blocked,
  sending,
  onSend,
  onLeave,
}: {
  /** Why nothing can be sent now (no model chosen, the session is gone), or null. */
  blocked: string | null;
  sending: boolean;
  onSend: (prompt: string) => Promise<boolean>;
  /** Esc: the user leaves the box (focus goes elsewhere, shortcuts work again). */
  onLeave: () => void;
}) {
  const [prompt, setPrompt] = useState(loadDraft);
  const reasonId = useId();
  useEffect(() => saveDraft(prompt), [prompt]);
  const reason =
    blocked ?? (sending ? 'Sending…' : prompt.trim() === '' ? 'Type a prompt first.' : null);
  const send = () => {
    if (reason) return;
    const sent = prompt;
    void onSend(sent).then((accepted) => {
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
      <div className="send">
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
