import { useEffect, useState } from 'react';

/** How the server says this browser is signed in (GET /auth/session). */
export interface AuthSession {
  required: boolean;
  method: 'cookie' | 'bearer' | 'proxy' | 'none';
  user: string | null;
}

/** The session, or `signed-out` when the server wants a sign-in (401); null when unknown (offline). */
export async function fetchAuthSession(): Promise<AuthSession | 'signed-out' | null> {
  try {
    const response = await fetch('/auth/session', { credentials: 'same-origin' });
    if (response.status === 401) return 'signed-out';
    return response.ok ? ((await response.json()) as AuthSession) : null;
  } catch {
    return null;
  }
}

/** Back to the sign-in page, returning here afterwards. */
export function goToSignIn(): void {
  const next = `${location.pathname}${location.search}`;
  location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
}

/**
 * A socket that closes may mean the sign-in ended (cookie expired, token changed, signed out in
 * another tab): browsers do not expose why an upgrade was refused, so ask, and go to sign in.
 */
export async function signInAgainIfSignedOut(): Promise<void> {
  if ((await fetchAuthSession()) === 'signed-out') goToSignIn();
}

export function useAuthSession(): AuthSession | null {
  const [session, setSession] = useState<AuthSession | null>(null);
  useEffect(() => {
    void fetchAuthSession().then((s) => setSession(typeof s === 'object' ? s : null));
  }, []);
  return session;
}
