import { useEffect, useState } from 'react';

/** The session in the URL (/s/<id>), so reloads and links land on it. */
export function useSessionRoute(): [string | null, (id: string | null) => void] {
  const read = () => /^\/s\/([^/]+)/.exec(location.pathname)?.[1] ?? null;
  const [sessionId, setSessionId] = useState<string | null>(read);
  useEffect(() => {
    const onPop = () => setSessionId(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (id: string | null) => {
    const path = id ? `/s/${id}` : '/';
    if (location.pathname !== path) history.pushState(null, '', path);
    setSessionId(id);
  };
  return [sessionId, navigate];
}
