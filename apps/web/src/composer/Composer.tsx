import { useState } from 'react';

import { LIMITS } from '@mlb/contracts';

export function Composer({
  disabled,
  onSend,
}: {
  disabled: boolean;
  onSend: (prompt: string) => void;
}) {
  const [prompt, setPrompt] = useState('');
  const send = () => {
    if (!prompt.trim() || disabled) return;
    onSend(prompt);
    setPrompt('');
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
        aria-label="Prompt"
        placeholder="Ask every selected model at once… (Enter sends, Shift+Enter for a new line)"
        value={prompt}
        maxLength={LIMITS.promptMaxChars}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" className="primary" disabled={disabled || !prompt.trim()}>
        Broadcast
      </button>
    </form>
  );
}
