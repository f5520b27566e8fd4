import { useAuthSession } from './session';

/** Shown when this browser signed in with the access token; a plain form, as the sign-in is. */
export function SignOutButton() {
  const session = useAuthSession();
  if (session?.method !== 'cookie') return null;
  return (
    <form method="post" action="/sign-out" className="sign-out">
      <button type="submit">Sign out</button>
    </form>
  );
}
