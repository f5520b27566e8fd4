import { useMutation } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';

import type { PaneDetail } from '@mlb/contracts';

import { describeError } from '../errors/user-error';
import { layoutAttributes, PaneLayoutButtons, usePaneLayout } from '../grid/pane-layout';
import { CitedAnswer } from '../provenance/CitedAnswer';
import { answerElementId } from '../provenance/focus-answer';
import { useLiveStatus, useLiveText } from '../state/live-hooks';
import type { LiveStore } from '../state/live-store';
import { useTRPC } from '../trpc';
import { Popover } from '../ui/Popover';
import { useAnswerMask } from '../votes/answer-mask';
import type { PaneName } from '../votes/blind-names';
import { CopyButton, Markdown } from './Markdown';
import { Meter } from './Meter';
import { PriorMessage } from './PaneThread';
import type { SessionTurns } from './turns';
import { useFollowBottom } from './use-follow-bottom';

const RUNNING = new Set(['queued', 'streaming']);

/** The answer's Markdown, from the live text while there is one: the only part of a pane that renders on every frame of a stream. */
function Answer({
  store,
  paneId,
  live,
  saved,
  streaming,
}: {
  store: LiveStore;
  paneId: string;
  live: boolean;
  saved: string;
  streaming: boolean;
}) {
  // Deferred: the store's update renders at once but cheaply (nothing changed for the memoized
  // Markdown), and React renders the new text in the background, yielding to key presses. Text
  // and streaming flag are deferred together, so a lagging text is never rendered as finished.
  const liveText = useLiveText(store, paneId);
  const text = live ? liveText : saved;
  const mask = useAnswerMask();
  const view = useDeferredValue(useMemo(() => ({ text, streaming }), [text, streaming]));
  const shown = useMemo(() => mask(view.text), [mask, view.text]);
  return <Markdown text={shown} streaming={view.streaming} />;
}

/** The settings this pane's latest answer used, so panes that differ only in them can be told apart. */
function PaneSettings({ pane }: { pane: PaneDetail }) {
  const parts = [
    pane.params.temperature !== undefined ? `temp ${pane.params.temperature}` : null,
    pane.params.maxTokens !== undefined ? `max ${pane.params.maxTokens}` : null,
    pane.systemPrompt ? 'system prompt' : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  return (
    <span className="settings" title={pane.systemPrompt ?? undefined} data-testid="pane-settings">
      {parts.join(' · ')}
    </span>
  );
}

export function Pane({
  pane,
  store,
  others,
  turnOf,
  nameOf,
}: {
  pane: PaneDetail;
  store: LiveStore;
  others: PaneDetail[];
  turnOf: SessionTurns['turnOf'];
  /** Blind mode's names (letters until the vote); by model when not given. */
  nameOf?: (pane: PaneDetail) => PaneName;
}) {
  const trpc = useTRPC();
  const live = useLiveStatus(store, pane.id);
  const stop = useMutation(trpc.panes.stop.mutationOptions());
  const retry = useMutation(trpc.panes.retry.mutationOptions());
  const sendTo = useMutation(trpc.panes.sendTo.mutationOptions());
  const [sendOpen, setSendOpen] = useState(false);
  const thread = useFollowBottom<HTMLDivElement>();
  const [targets, setTargets] = useState<string[]>([]);
  const layout = usePaneLayout(pane.id);

  const saved = pane.messages;
  const latestSaved = [...saved].reverse().find((m) => m.role === 'assistant') ?? null;
  const liveIsNewer =
    live?.messageId &&
    live.messageId !== latestSaved?.id &&
    !saved.some((m) => m.id === live.messageId);
  const current =
    live?.messageId && (liveIsNewer || live.messageId === latestSaved?.id) ? live : null;
  const savedText = latestSaved?.content ?? '';
  const hasAnswer = current ? current.hasText : savedText !== '';
  const state = current?.state ?? pane.state;
  // Live events win; the saved message fills in what the live view missed (an answer that ended before we subscribed).
  const savedIsCurrent = latestSaved !== null && (!current || current.messageId === latestSaved.id);
  const error = current?.error ?? (savedIsCurrent ? latestSaved.error : null);
  const metrics = current?.meter ?? (savedIsCurrent ? latestSaved.metrics : null);
  // A fused answer's citations: from its final event live, else as saved with it.
  const citations = current?.citations ?? (savedIsCurrent ? latestSaved.citations : undefined);
  const answerId = current?.messageId ?? latestSaved?.id ?? null;
  const endReason = current?.endReason ?? (savedIsCurrent ? latestSaved.endReason : null);
  const prior = saved.filter((m) => m !== latestSaved && m.id !== current?.messageId);
  const mask = useAnswerMask();
  const name = nameOf?.(pane) ?? null;
  const label = name?.label ?? `${pane.providerId} / ${pane.modelId}`;
  const modelId = name ? name.modelId : pane.modelId;
  const providerId = name ? name.providerId : pane.providerId;
  const failed = stop.error ?? retry.error ?? sendTo.error;
  const failure = failed
    ? describeError(failed, stop.error ? 'stop' : retry.error ? 'retry' : 'send-to')
    : null;

  return (
    <section
      className={`pane state-${state}`}
      role="region"
      aria-label={label}
      data-state={state}
      data-pane-id={pane.id}
      {...layoutAttributes(layout)}
    >
      <header>
        <div className="title">
          {name?.letter ? <strong data-testid="pane-letter">{name.letter}</strong> : null}
          {modelId !== null ? (
            name?.letter ? (
              <span className="model">{modelId}</span>
            ) : (
              <strong>{modelId}</strong>
            )
          ) : null}
          {providerId !== null ? <span className="provider">{providerId}</span> : null}
          {pane.simulated ? (
            <span className="badge" title="The demo provider simulates answers offline">
              simulated
            </span>
          ) : null}
          {pane.kind === 'summary' ? <span className="badge summary">fusion</span> : null}
          <PaneSettings pane={pane} />
        </div>
        <span className="pane-header-end">
          <span className={`state-dot ${state}`} aria-label={`State: ${state}`}>
            {state}
          </span>
          <PaneLayoutButtons layout={layout} label={label} />
        </span>
      </header>
      <div className="thread" ref={thread}>
        {prior.map((m, i) => (
          <PriorMessage
            key={m.id}
            message={m}
            pane={pane}
            turn={m.role === 'user' ? turnOf(m.broadcastId) : undefined}
            first={i === 0}
            panes={others}
            nameOf={nameOf}
          />
        ))}
        {hasAnswer || RUNNING.has(state) ? (
          <div
            className="msg assistant current"
            data-testid="pane-answer"
            aria-live="off"
            id={answerId ? answerElementId(answerId) : undefined}
            tabIndex={-1}
          >
            {/* Citations arrive with the final event, which also sets the live text to the
                answer's whole content: reading it once here is enough (no text subscription). */}
            {citations?.length && !RUNNING.has(state) ? (
              <CitedAnswer
                content={current ? (store.get(pane.id)?.text ?? savedText) : savedText}
                citations={citations}
                panes={others}
                fuseSources={saved.find((m) => m.fuse)?.fuse?.sources}
                nameOf={nameOf}
              />
            ) : (
              <Answer
                store={store}
                paneId={pane.id}
                live={current !== null}
                saved={savedText}
                streaming={RUNNING.has(state)}
              />
            )}
            {RUNNING.has(state) ? <span className="cursor" aria-hidden /> : null}
          </div>
        ) : null}
        {endReason === 'budget' && !RUNNING.has(state) ? (
          <p className="notice" role="status" data-testid="pane-budget-stop">
            Stopped: budget reached. The text so far is kept.
          </p>
        ) : null}
        {current?.retrying ? (
          <p className="notice">Retrying (attempt {current.retrying.attempt})…</p>
        ) : null}
        {error && state === 'error' ? (
          <div className="error" role="alert">
            <strong>{error.kind.replace('_', ' ')}</strong>: {error.message}
            <div className="suggestion">{error.suggestion}</div>
          </div>
        ) : null}
      </div>
      {current?.unsaved ? (
        <p className="notice" role="status" data-testid="pane-unsaved">
          Not saved yet: the database is not answering. The server keeps trying; this answer is safe
          while it runs.
        </p>
      ) : null}
      <Meter metrics={metrics} progress={RUNNING.has(state) ? (current?.progress ?? null) : null} />
      {failure ? (
        <p className="error-text pane-failure" role="alert">
          {failure.message} {failure.hint}
        </p>
      ) : null}
      <footer>
        {RUNNING.has(state) ? (
          <button type="button" onClick={() => stop.mutate({ paneId: pane.id })}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            onClick={() => retry.mutate({ paneId: pane.id })}
            disabled={!saved.some((m) => m.role === 'user')}
          >
            Retry
          </button>
        )}
        <CopyButton
          text={() => mask(current ? (store.get(pane.id)?.text ?? '') : savedText)}
          label="Copy answer"
          visibleLabel="Copy answer"
          title="Copy this answer as Markdown, as it stands now"
        />
        {others.length > 0 ? (
          <Popover
            open={sendOpen}
            onOpenChange={(open) => {
              setSendOpen(open);
              if (!open) setTargets([]);
            }}
            label={`Send ${label} to other panes`}
            className="send-to"
            align="start"
            inline
            trigger={
              <button type="button" disabled={!hasAnswer}>
                Send to…
              </button>
            }
          >
            <p className="muted">
              The selected text of this answer, or all of it, goes to the panes you tick.
            </p>
            {others.map((o) => (
              <label key={o.id}>
                <input
                  type="checkbox"
                  checked={targets.includes(o.id)}
                  onChange={() =>
                    setTargets((t) =>
                      t.includes(o.id) ? t.filter((x) => x !== o.id) : [...t, o.id],
                    )
                  }
                />
                {nameOf ? nameOf(o).label : `${o.providerId} / ${o.modelId}`}
              </label>
            ))}
            <div className="row">
              {(['context', 'prompt'] as const).map((mode) => (
                <button
                  key={mode}
                  type="button"
                  disabled={targets.length === 0}
                  title={
                    mode === 'context'
                      ? 'Add it to their threads without asking them anything'
                      : 'Ask them about it now'
                  }
                  onClick={() => {
                    const selection = window.getSelection()?.toString().trim();
                    sendTo.mutate({
                      sourcePaneId: pane.id,
                      targetPaneIds: targets,
                      mode,
                      ...(selection ? { text: selection } : {}),
                    });
                    setSendOpen(false);
                    setTargets([]);
                  }}
                >
                  {mode === 'context' ? 'Send as context' : 'Send as prompt'}
                </button>
              ))}
            </div>
          </Popover>
        ) : null}
      </footer>
    </section>
  );
}
