import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useMemo, useState } from 'react';

import type { PaneDetail } from '@mlb/contracts';

import { SignOutButton } from './auth/SignOutButton';
import { Composer } from './composer/Composer';
import { useConnectionState } from './connection';
import { formatCost, formatMs, formatRate, formatTokens } from './format';
import { ModelPicker } from './models/ModelPicker';
import { loadSelection, saveSelection, type SelectedModel } from './models/selection';
import { Pane } from './panes/Pane';
import { useSessionRoute } from './route';
import { SessionSidebar } from './sessions/SessionSidebar';
import { LiveStore } from './state/live-store';
import { SummarizeMenu } from './summary/SummarizeMenu';
import { useTRPC } from './trpc';

function useTheme(): [string, () => void] {
  const [theme, setTheme] = useState(
    () =>
      localStorage.getItem('broadcast.theme') ??
      (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark'),
  );
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('broadcast.theme', theme);
  }, [theme]);
  return [theme, () => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))];
}

function Comparison({ panes }: { panes: PaneDetail[] }) {
  const rows = panes.map((p) => ({
    pane: p,
    m: [...p.messages].reverse().find((x) => x.role === 'assistant')?.metrics ?? null,
  }));
  return (
    <table className="comparison" aria-label="Latest answers compared">
      <thead>
        <tr>
          <th>model</th>
          <th>in</th>
          <th>out</th>
          <th>cost</th>
          <th>TTFT</th>
          <th>tok/s</th>
          <th>latency</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ pane, m }) => (
          <tr key={pane.id}>
            <td>
              {pane.providerId}/{pane.modelId}
            </td>
            <td>{formatTokens(m?.inputTokens)}</td>
            <td>{formatTokens(m?.outputTokens)}</td>
            <td>{formatCost(m?.cost)}</td>
            <td>{formatMs(m?.ttftMs)}</td>
            <td>{formatRate(m?.tokensPerSecond)}</td>
            <td>{formatMs(m?.latencyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sessionId, navigate] = useSessionRoute();
  const [selection, setSelection] = useState<SelectedModel[]>(loadSelection);
  const [theme, toggleTheme] = useTheme();
  const [help, setHelp] = useState(false);
  const [compare, setCompare] = useState(false);
  const connection = useConnectionState();

  const session = useQuery({
    ...trpc.sessions.get.queryOptions({ sessionId: sessionId ?? '' }),
    enabled: sessionId !== null,
  });
  const refetchSession = useMemo(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    return () => {
      timer ??= setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: trpc.sessions.get.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() });
      }, 150);
    };
  }, [queryClient, trpc]);
  const store = useMemo(() => new LiveStore(refetchSession), [refetchSession]);
  useEffect(() => store.reset(), [sessionId, store]);

  useSubscription(
    trpc.sessions.events.subscriptionOptions(
      { sessionId: sessionId ?? '' },
      {
        enabled: sessionId !== null,
        onData: ({ id, data }) => store.apply(id, data),
      },
    ),
  );

  const broadcast = useMutation(
    trpc.broadcast.create.mutationOptions({
      onSuccess: (result) => {
        if (result.sessionId !== sessionId) navigate(result.sessionId);
        refetchSession();
      },
    }),
  );
  const summarize = useMutation(
    trpc.summarize.create.mutationOptions({ onSuccess: refetchSession }),
  );

  useEffect(() => saveSelection(selection), [selection]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLElement && ['TEXTAREA', 'INPUT'].includes(e.target.tagName);
      if (e.key === 'Escape') setHelp(false);
      if (typing) return;
      if (e.key === '?') setHelp((h) => !h);
      if (e.key === 'n') navigate(null);
      if (e.key === 't') toggleTheme();
      if (e.key === 'c') setCompare((c) => !c);
      if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLTextAreaElement>('.composer textarea')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, toggleTheme]);

  const panes = session.data?.panes ?? [];
  const totals = session.data?.totals;
  const error = broadcast.error ?? summarize.error;

  return (
    <div className="app">
      <SessionSidebar current={sessionId} onSelect={navigate} />
      <main>
        {connection !== 'open' ? (
          <div className="banner" role="status">
            {connection === 'connecting'
              ? 'Connecting to the server…'
              : 'Connection lost: reconnecting. Answers keep streaming on the server and resume here.'}
          </div>
        ) : null}
        <header className="topbar">
          <h1>{session.data?.title ?? 'New session'}</h1>
          {totals ? (
            <span className="totals" aria-label="Session totals">
              {totals.answers} answers · {formatTokens(totals.inputTokens)} in ·{' '}
              {formatTokens(totals.outputTokens)} out · {formatCost(totals.cost)}
            </span>
          ) : null}
          <span className="spacer" />
          {panes.length > 0 ? (
            <>
              <button type="button" aria-pressed={compare} onClick={() => setCompare((c) => !c)}>
                Compare
              </button>
              <SummarizeMenu
                panes={panes}
                models={selection}
                disabled={!sessionId}
                onSummarize={(r) => {
                  if (sessionId) summarize.mutate({ sessionId, ...r });
                }}
              />
            </>
          ) : null}
          <button type="button" aria-label="Toggle theme" onClick={toggleTheme}>
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <button type="button" aria-label="Keyboard shortcuts" onClick={() => setHelp(true)}>
            ?
          </button>
          <SignOutButton />
        </header>
        <ModelPicker selection={selection} onChange={setSelection} />
        {error ? (
          <div className="error" role="alert">
            {error.message}
            {error.data &&
            'suggestion' in error.data &&
            typeof error.data.suggestion === 'string' ? (
              <div className="suggestion">{error.data.suggestion}</div>
            ) : null}
          </div>
        ) : null}
        {compare && panes.length > 0 ? <Comparison panes={panes} /> : null}
        <div className="grid" data-count={Math.min(panes.length, 4)}>
          {panes.map((pane) => (
            <Pane
              key={pane.id}
              pane={pane}
              store={store}
              others={panes.filter((p) => p.id !== pane.id)}
            />
          ))}
          {panes.length === 0 ? (
            <p className="muted empty-state">
              Pick models, type a prompt and press Enter: every answer streams into its own pane.
            </p>
          ) : null}
        </div>
        <Composer
          disabled={selection.length === 0 || broadcast.isPending}
          onSend={(prompt) =>
            broadcast.mutate({
              prompt,
              models: selection.map((s) => ({
                providerId: s.providerId,
                modelId: s.modelId,
                ...(s.systemPrompt ? { systemPrompt: s.systemPrompt } : {}),
                ...(s.temperature !== undefined || s.maxTokens !== undefined
                  ? {
                      params: {
                        ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
                        ...(s.maxTokens !== undefined ? { maxTokens: s.maxTokens } : {}),
                      },
                    }
                  : {}),
              })),
              ...(sessionId ? { sessionId } : {}),
            })
          }
        />
      </main>
      {help ? (
        <div className="dialog" role="dialog" aria-label="Keyboard shortcuts" aria-modal>
          <h2>Keyboard shortcuts</h2>
          <dl>
            <dt>Enter</dt>
            <dd>Broadcast the prompt</dd>
            <dt>Shift+Enter</dt>
            <dd>New line</dd>
            <dt>/</dt>
            <dd>Focus the prompt</dd>
            <dt>n</dt>
            <dd>New session</dd>
            <dt>c</dt>
            <dd>Compare latest answers</dd>
            <dt>t</dt>
            <dd>Toggle theme</dd>
            <dt>?</dt>
            <dd>This help</dd>
          </dl>
          <button type="button" onClick={() => setHelp(false)}>
            Close
          </button>
        </div>
      ) : null}
    </div>
  );
}
