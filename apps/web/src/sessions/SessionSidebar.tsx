import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type Ref } from 'react';

import { LIMITS, type SessionSummary } from '@mlb/contracts';

import { describeError } from '../errors/user-error';
import { formatWhen } from '../format';
import { useTRPC } from '../trpc';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { PromptDialog } from '../ui/PromptDialog';
import { SessionRow, type RowAction } from './SessionRow';

/** The sessions: new, search, the list (more pages as it scrolls), rename and delete. */
export function SessionSidebar({
  current,
  onSelect,
  searchRef,
}: {
  current: string | null;
  onSelect: (id: string | null) => void;
  searchRef?: Ref<HTMLInputElement>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [acting, setActing] = useState<{ action: RowAction; session: SessionSummary } | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const deleted = useRef(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const sessions = useInfiniteQuery(
    trpc.sessions.list.infiniteQueryOptions(
      { limit: 30, ...(search.trim() ? { search: search.trim() } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.sessions.get.pathKey() });
  };
  const remove = useMutation(trpc.sessions.delete.mutationOptions({ onSettled: invalidate }));
  const rename = useMutation(trpc.sessions.rename.mutationOptions({ onSettled: invalidate }));
  const items = sessions.data?.pages.flatMap((p) => p.items) ?? [];
  const when = whenLabels(items);
  const failure = remove.error
    ? describeError(remove.error, 'delete')
    : rename.error
      ? describeError(rename.error, 'rename')
      : null;

  return (
    <nav className="sidebar" aria-label="Sessions">
      <button
        ref={newButton}
        type="button"
        className="primary"
        onClick={() => onSelect(null)}
        aria-keyshortcuts="Alt+N"
      >
        New session
      </button>
      <input
        ref={searchRef}
        type="search"
        aria-label="Search sessions"
        placeholder="Search sessions"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {failure ? (
        <p className="error-text" role="alert">
          {failure.message} {failure.hint}
        </p>
      ) : null}
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
          <SessionRow
            key={s.id}
            session={s}
            when={when.get(s.id) ?? ''}
            current={s.id === current}
            onSelect={() => onSelect(s.id)}
            onAction={(action, row) => {
              returnTo.current = row;
              deleted.current = false;
              rename.reset();
              remove.reset();
              setActing({ action, session: s });
            }}
          />
        ))}
        {items.length === 0 && !sessions.isLoading ? (
          <li className="muted empty">{search ? 'No session matches.' : 'No sessions yet.'}</li>
        ) : null}
      </ul>
      {acting?.action === 'rename' ? (
        <PromptDialog
          title="Rename session"
          label="Title"
          initial={acting.session.title}
          submitLabel="Rename"
          maxLength={LIMITS.titleMaxChars}
          onSubmit={(title) => rename.mutate({ sessionId: acting.session.id, title })}
          onClose={() => setActing(null)}
          returnFocus={() => returnTo.current}
        />
      ) : null}
      {acting?.action === 'delete' ? (
        <ConfirmDialog
          title="Delete session"
          confirmLabel="Delete"
          onConfirm={() => {
            deleted.current = true;
            remove.mutate({ sessionId: acting.session.id });
            if (acting.session.id === current) onSelect(null);
          }}
          onClose={() => setActing(null)}
          // The deleted row is gone: focus goes to New session instead.
          returnFocus={() => (deleted.current ? newButton.current : returnTo.current)}
        >
          Delete “{acting.session.title}” and all its answers? This cannot be undone.
        </ConfirmDialog>
      ) : null}
    </nav>
  );
}

/**
 * Each row's time: to the minute, or to the second where two sessions share a title and a
 * minute (long prompts that start alike get the same title), so the rows still differ.
 */
function whenLabels(items: readonly SessionSummary[]): Map<string, string> {
  const now = new Date();
  const key = (s: SessionSummary) => `${s.title}\n${formatWhen(s.updatedAt, now)}`;
  const counts = new Map<string, number>();
  for (const s of items) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return new Map(
    items.map((s) => [s.id, formatWhen(s.updatedAt, now, (counts.get(key(s)) ?? 0) > 1)]),
  );
}
