import { useState } from 'react';

const key = (sessionId: string | null) => `broadcast.blind.${sessionId ?? 'new'}`;
const read = (sessionId: string | null) => localStorage.getItem(key(sessionId)) === '1';

function write(sessionId: string | null, on: boolean): void {
  if (on) localStorage.setItem(key(sessionId), '1');
  else localStorage.removeItem(key(sessionId));
}

/**
 * Blind mode, remembered per session. Chosen on a new session (before it has an id), it goes with
 * the session its first prompt creates, so even the first answers stream without names.
 */
export function useBlind(sessionId: string | null): [boolean, (on: boolean) => void] {
  const [, setVersion] = useState(0);
  const [seen, setSeen] = useState(sessionId);
  if (seen !== sessionId) {
    // Moved during render, not in an effect: the new session's first frame is already blind.
    if (seen === null && sessionId !== null && read(null)) {
      write(sessionId, true);
      write(null, false);
    }
    setSeen(sessionId);
  }
  const set = (on: boolean) => {
    write(sessionId, on);
    setVersion((v) => v + 1);
  };
  return [read(sessionId), set];
}
