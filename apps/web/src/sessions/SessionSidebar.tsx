import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '../trpc';

export function SessionSidebar({
  current,
  onSelect,
}: {
  current: string | null;
  onSelect: (id: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const sessions = useInfiniteQuery(
    trpc.sessions.list.infiniteQueryOptions(
      { limit: 30, ...(search.trim() ? { search: search.trim() } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() });
  const remove = useMutation(trpc.sessions.delete.mutationOptions({ onSuccess: invalidate }));
  const rename = useMutation(trpc.sessions.rename.mutationOptions({ onSuccess: invalidate }));
  const items = sessions.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <nav className="sidebar" aria-label="Sessions">
      <button type="button" className="primary" onClick={() => onSelect(null)}>
        New session
      </button>
      <input
        type="search"
        aria-label="Search sessions"
        placeholder="Search sessions"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul
        onScroll={(e) => {
          const el = e.currentTarget;
          if (
            el.scrollTop + el.clientHeight > el.scrollHeight - 40 &&
            sessions.hasNextPage &&
            !sessions.isFetchingNextPage
          )
            void sessions.fetchNextPage();
        }}
      >
        {items.map((s) => (
          <li key={s.id} className={s.id === current ? 'active' : undefined}>
            <button
              type="button"
              className="session"
              onClick={() => onSelect(s.id)}
              aria-current={s.id === current ? 'page' : undefined}
            >
              <span className="session-title">{s.title}</span>
              <span className="muted">
                {s.paneCount} panes · {new Date(s.updatedAt).toLocaleString()}
              </span>
            </button>
            <span className="session-actions">
              <button
                type="button"
                aria-label={`Rename ${s.title}`}
                onClick={() => {
                  const title = window.prompt('New title', s.title)?.trim();
                  if (title) rename.mutate({ sessionId: s.id, title });
                }}
              >
                ✎
              </button>
              <button
                type="button"
                aria-label={`Delete ${s.title}`}
                onClick={() => {
                  if (!window.confirm(`Delete "${s.title}" and all its answers?`)) return;
                  remove.mutate({ sessionId: s.id });
                  if (s.id === current) onSelect(null);
                }}
              >
                ✕
              </button>
            </span>
          </li>
        ))}
        {items.length === 0 && !sessions.isLoading ? (
          <li className="muted empty">{search ? 'No session matches.' : 'No sessions yet.'}</li>
        ) : null}
      </ul>
    </nav>
  );
}
