import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';

import { SignOutButton } from './auth/SignOutButton';
import { overBudgetForecast } from './budget/over-budget';
import { useOverBudgetConfirm } from './budget/OverBudgetDialog';
import { SessionBudget } from './budget/SessionBudget';
import { SettingsButton } from './budget/SettingsDialog';
import { answerNaming } from './compare/answer-names';
import { CompareView } from './compare/CompareView';
import { Composer } from './composer/Composer';
import { useConnectionState } from './connection';
import { describeError, PROMPT_KEPT, type UserError } from './errors/user-error';
import { exactCost, formatCost, formatTokens, plural } from './format';
import { FuseMenu } from './fuse/FuseMenu';
import { PaneGrid } from './grid/PaneGrid';
import { LeaderboardButton } from './leaderboard/Leaderboard';
import { ModelPicker } from './models/ModelPicker';
import { loadSelection, saveSelection, startingSelection } from './models/selection';
import {
  asSelection,
  isIncluded,
  modelsToSend,
  sessionTargets,
  type TurnTarget,
} from './models/turn-targets';
import { Pane } from './panes/Pane';
import { TurnHeader } from './panes/TurnHeader';
import { sessionTurns } from './panes/turns';
import { RaceStrip } from './race/RaceStrip';
import { useSessionRoute } from './route';
import { SessionFilesMenu } from './session-files/SessionFilesMenu';
import { SessionSidebar } from './sessions/SessionSidebar';
import { isTyping, shortcutFor, type ShortcutAction } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { LiveStore } from './state/live-store';
import { useTheme } from './theme';
import { useTRPC } from './trpc';
import { Dialog } from './ui/Dialog';
import { AnswerMaskContext } from './votes/answer-mask';
import { BlindToggle } from './votes/BlindToggle';
import { nameMasker } from './votes/mask-names';
import { orderTargets, targetName, useDeciding } from './votes/use-deciding';
import { VoteBar } from './votes/VoteBar';
import { WinnerMode } from './votes/WinnerMode';

const PHONE = '(max-width: 800px)';
const isNotFound = (error: unknown) =>
  (error as { data?: { code?: unknown } } | null)?.data?.code === 'NOT_FOUND';

export function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sessionId, navigate] = useSessionRoute();
  const [remembered, setRemembered] = useState(loadSelection);
  // The open sessions' targets as the user changed them; a session not here goes to all its panes.
  const [drafts, setDrafts] = useState<Record<string, TurnTarget[]>>({});
  const [theme, toggleTheme] = useTheme();
  const [help, setHelp] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [compare, setCompare] = useState(false);
  const [sendError, setSendError] = useState<{ at: string | null; error: UserError } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const connection = useConnectionState();
  const overBudget = useOverBudgetConfirm();

  const models = useQuery(trpc.models.list.queryOptions());
  const session = useQuery({
    ...trpc.sessions.get.queryOptions({ sessionId: sessionId ?? '' }),
    enabled: sessionId !== null,
    // A session that does not exist will not appear by asking again.
    retry: (count, error) => !isNotFound(error) && count < 3,
  });
  const sessionGone = sessionId !== null && isNotFound(session.error);
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
    // Batches: one message for what the server had at once (many panes flushing together).
    trpc.sessions.eventBatches.subscriptionOptions(
      { sessionId: sessionId ?? '' },
      {
        enabled: sessionId !== null && !sessionGone,
        onData: ({ data }) => {
          for (const { id, event } of data) store.apply(id, event);
        },
        // Deleted elsewhere (another tab, another user of the workspace): ask again, so the
        // session shows as gone and leaves the list.
        onError: (error) => {
          if (isNotFound(error)) refetchSession();
        },
      },
    ),
  );

  const broadcast = useMutation(trpc.broadcast.create.mutationOptions());

  const panes = useMemo(() => session.data?.panes ?? [], [session.data]);
  const turns = useMemo(() => sessionTurns(panes), [panes]);
  const deciding = useDeciding({ sessionId, panes, navigate });
  const naming = answerNaming(deciding, panes);
  const hidden = deciding.hidden;
  const mask = useMemo(
    () => (hidden ? nameMasker(panes) : (text: string) => text),
    [hidden, panes],
  );
  const targets: TurnTarget[] = sessionId
    ? sessionTargets(panes, drafts[sessionId])
    : models.data
      ? startingSelection(remembered, models.data)
      : (remembered ?? []);
  const targetsLoading = sessionId ? !session.data : !models.data;
  const setTargets = (next: TurnTarget[]) => {
    if (sessionId) setDrafts((d) => ({ ...d, [sessionId]: next }));
    else {
      setRemembered(asSelection(next));
      saveSelection(asSelection(next));
    }
  };

  /** Sends to the targets as the server knows them now; false (and the prompt stays) on failure. */
  const send = async (
    prompt: string,
    { budgetUsd }: { budgetUsd: number | null },
  ): Promise<boolean> => {
    setSendError(null);
    if (deciding.solo)
      return deciding.sendSolo(prompt, { budgetUsd, confirmOverBudget: overBudget.ask });
    try {
      const chosen = sessionId
        ? sessionTargets(
            (await queryClient.query(trpc.sessions.get.queryOptions({ sessionId }))).panes,
            drafts[sessionId],
          )
        : startingSelection(remembered, await queryClient.query(trpc.models.list.queryOptions()));
      const models = modelsToSend(chosen);
      if (models.length === 0) {
        setSendError({
          at: sessionId,
          error: {
            message: 'No model is chosen for this prompt.',
            hint: `${PROMPT_KEPT} Choose at least one under Models.`,
            sessionGone: false,
          },
        });
        return false;
      }
      const input = {
        prompt,
        models,
        ...(sessionId ? { sessionId } : {}),
        ...(budgetUsd !== null ? { budgetUsd } : {}),
      };
      const result = await broadcast.mutateAsync(input).catch(async (error: unknown) => {
        // Over a budget: show what it would cost and send again only if the user says so.
        const forecast = overBudgetForecast(error);
        if (!forecast) throw error;
        if (!(await overBudget.ask(forecast))) return null;
        return broadcast.mutateAsync({ ...input, confirmOverBudget: true });
      });
      if (!result) return false;
      if (result.sessionId !== sessionId) navigate(result.sessionId);
      refetchSession();
      return true;
    } catch (error) {
      setSendError({ at: sessionId, error: describeError(error, 'send') });
      return false;
    }
  };

  const focusPrompt = () => document.getElementById('prompt')?.focus();
  const onShortcut = useEffectEvent((action: ShortcutAction) => {
    switch (action) {
      case 'focus-prompt':
        return focusPrompt();
      case 'new-session':
        navigate(null);
        return focusPrompt();
      case 'sessions':
        if (matchMedia(PHONE).matches) return setDrawer(true);
        return searchRef.current?.focus();
      case 'models':
        return setPickerOpen(true);
      case 'compare':
        return setCompare((c) => !c);
      case 'theme':
        return toggleTheme();
      case 'help':
        return setHelp((h) => !h);
    }
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog owns the keyboard while it is open (Esc closes it).
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
      // Keys pressed inside a popover or menu are its own (only Alt combinations pass).
      const inPopup =
        e.target instanceof Element && e.target.closest('[role="dialog"], [role="menu"]');
      if (inPopup && !e.altKey) return;
      const action = shortcutFor(e, isTyping(e.target));
      if (!action) return;
      e.preventDefault();
      onShortcut(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const totals = session.data?.totals;
  const shownSendError = sendError && sendError.at === sessionId ? sendError.error : null;
  const error = shownSendError;
  const blocked = sessionGone
    ? 'This session no longer exists: start a new session to send.'
    : !deciding.solo && !targetsLoading && !targets.some(isIncluded)
      ? 'Choose at least one model under Models.'
      : null;
  const title = sessionGone ? 'Session not found' : (session.data?.title ?? 'New session');

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#prompt"
        onClick={(e) => {
          e.preventDefault();
          focusPrompt();
        }}
      >
        Skip to the prompt
      </a>
      <SessionSidebar current={sessionId} onSelect={navigate} searchRef={searchRef} />
      <main ref={mainRef} tabIndex={-1}>
        <AnswerMaskContext.Provider value={mask}>
          {connection !== 'open' ? (
            <div className="banner" role="status">
              {connection === 'connecting'
                ? 'Connecting to the server…'
                : 'Connection lost: reconnecting. Answers keep streaming on the server and resume here.'}
            </div>
          ) : null}
          <header className="topbar">
            <button
              type="button"
              className="phone-only"
              aria-label="Sessions"
              aria-keyshortcuts="Alt+S"
              onClick={() => setDrawer(true)}
            >
              ☰
            </button>
            <h1 title={title}>{title}</h1>
            <div className="topbar-actions">
              {totals ? (
                <span
                  className="totals"
                  data-testid="session-totals"
                  title={exactCost(totals.cost)}
                >
                  {plural(totals.answers, 'answer')} · {formatTokens(totals.inputTokens)} in ·{' '}
                  {formatTokens(totals.outputTokens)} out · {formatCost(totals.cost)}
                </span>
              ) : null}
              {sessionId && session.data ? (
                <SessionBudget
                  sessionId={sessionId}
                  budgetUsd={session.data.budgetUsd ?? null}
                  spentUsd={session.data.totals.cost ?? 0}
                />
              ) : null}
              <span className="spacer" />
              <BlindToggle deciding={deciding} />
              <LeaderboardButton />
              {panes.length > 0 ? (
                <>
                  <button
                    type="button"
                    aria-pressed={compare}
                    aria-keyshortcuts="Alt+C"
                    onClick={() => setCompare((c) => !c)}
                  >
                    Compare
                  </button>
                  <FuseMenu
                    sessionId={sessionId}
                    panes={panes}
                    disabled={deciding.hidden}
                    onStarted={refetchSession}
                  />
                </>
              ) : null}
              <SessionFilesMenu sessionId={sessionGone ? null : sessionId} onImported={navigate} />
              <SettingsButton />
              <button
                type="button"
                aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'}
                aria-keyshortcuts="Alt+T"
                onClick={toggleTheme}
              >
                {theme === 'dark' ? '☀' : '☾'}
              </button>
              <button
                type="button"
                aria-label="Keyboard shortcuts"
                aria-keyshortcuts="Alt+/"
                onClick={() => setHelp(true)}
              >
                ?
              </button>
              <SignOutButton />
            </div>
          </header>
          {sessionGone ? (
            <div className="error" role="alert">
              This session does not exist: it was deleted, or the link is out of date.
              <div className="suggestion">
                <button type="button" className="primary" onClick={() => navigate(null)}>
                  Start a new session
                </button>
              </div>
            </div>
          ) : null}
          <ModelPicker
            targets={orderTargets(deciding, targets)}
            onChange={setTargets}
            inSession={sessionId !== null}
            loading={targetsLoading}
            open={pickerOpen}
            onOpenChange={setPickerOpen}
            chipName={targetName(deciding, panes)}
          />
          {error ? (
            <div className="error" role="alert">
              {error.message}
              <div className="suggestion">{error.hint}</div>
              {error.sessionGone && sessionId !== null ? (
                <button type="button" className="primary" onClick={() => navigate(null)}>
                  Start a new session
                </button>
              ) : null}
            </div>
          ) : null}
          {compare && sessionId && panes.length > 0 ? (
            <CompareView sessionId={sessionId} store={store} naming={naming} />
          ) : null}
          <TurnHeader turns={turns.turns} />
          <VoteBar deciding={deciding} onContinue={focusPrompt} />
          {sessionId && !sessionGone ? (
            <RaceStrip sessionId={sessionId} store={store} naming={naming} />
          ) : null}
          <PaneGrid paneIds={panes.map((p) => p.id)}>
            {deciding.order(panes).map((pane) => (
              <Pane
                key={pane.id}
                pane={pane}
                store={store}
                others={panes.filter((p) => p.id !== pane.id)}
                turnOf={turns.turnOf}
                nameOf={deciding.nameOf}
              />
            ))}
            {panes.length === 0 && !sessionGone ? (
              <p className="muted empty-state">
                Pick models, type a prompt and press Enter: every answer streams into its own pane.
              </p>
            ) : null}
          </PaneGrid>
          <WinnerMode deciding={deciding} />
          <Composer
            blocked={blocked}
            sending={broadcast.isPending || deciding.soloSending}
            models={modelsToSend(targets)}
            sessionId={sessionGone ? null : sessionId}
            onSend={send}
            onLeave={() => mainRef.current?.focus()}
          />
        </AnswerMaskContext.Provider>
      </main>
      {drawer ? (
        <Dialog title="Sessions" className="drawer" onClose={() => setDrawer(false)}>
          <SessionSidebar
            current={sessionId}
            onSelect={(id) => {
              navigate(id);
              setDrawer(false);
            }}
          />
        </Dialog>
      ) : null}
      {help ? <ShortcutsDialog onClose={() => setHelp(false)} /> : null}
      {overBudget.dialog}
    </div>
  );
}
