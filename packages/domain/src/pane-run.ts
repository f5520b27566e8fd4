import type {
  Citation,
  EndReason,
  MessageStatus,
  MessageView,
  PaneErrorInfo,
  PaneEvent,
  PaneState,
  PaneView,
  StatusEvent,
  Usage,
} from '@mlb/contracts';
import type { Logger } from '@mlb/logger';
import {
  runStream,
  type ChatMessage,
  type ProviderAdapter,
  type ProviderRegistry,
  type StreamRequest,
} from '@mlb/providers';

import { type BudgetGuard } from './budget/budget-guard';
import { LiveCost } from './budget/live-cost';
import type { EventLog } from './event-log/event-log';
import type { FlushGrid } from './flush-grid';
import { AnswerMeter } from './metering/answer-meter';
import type { FinalSaves } from './persistence/final-saves';
import type { StreamingSaver, StreamingText } from './persistence/streaming-saver';
import type { StatsCollector } from './stats-collector';
import { TokenCoalescer } from './token-coalescer';

export interface RunSettings {
  /** Token events are merged within this window (leading edge goes out at once). */
  coalesceWindowMs: number;
  /** Streaming text is saved this often (all answers together), not once per token. */
  persistIntervalMs: number;
}

export interface PaneRunSpec {
  sessionId: string;
  broadcastId: string;
  pane: PaneView;
  messageId: string;
  history: ChatMessage[];
  /** Settles when the answer's message row has been written (or could not be). */
  persisted: Promise<void>;
  /** The user turn this answer replies to (none for a retry), announced with the pane when it is queued. */
  userMessage?: MessageView;
  /** Stops the answer with reason `budget` once its cost so far reaches a budget. */
  budget?: BudgetGuard;
  /** A fused answer: reads its citations from its text when it ends. */
  citations?: (content: string) => Citation[];
}

export interface PaneRunDeps {
  hub: EventLog;
  registry: Pick<ProviderRegistry, 'timeouts' | 'retry' | 'price'>;
  stats: StatsCollector;
  logger: Logger;
  settings: RunSettings;
  saver: StreamingSaver;
  finalSaves: FinalSaves;
  /** Shared timers for coalesced flushes (see FlushGrid); each run its own timers without it. */
  flushGrid?: FlushGrid;
}

type StopCause = 'user' | 'shutdown' | 'budget';

interface Outcome {
  reason: EndReason;
  providerFinishReason: string | null;
  error: PaneErrorInfo | null;
  usage: Usage | null;
  retries: number;
}

const CONTENT_FILTERED: PaneErrorInfo = {
  kind: 'content_filtered',
  message: 'The provider stopped this answer with its content filter.',
  suggestion: 'Rephrase the prompt, or try another model.',
  retryable: false,
};

/** One answer in one pane: stream, relay coalesced tokens, save partial text, persist the outcome. */
export class PaneRun implements StreamingText {
  state: PaneState = 'queued';
  /** Everything the provider sent so far (saved, shown by sessions.get). */
  content = '';
  /** What subscribers have been sent as token events: a snapshot must not repeat what is still buffered. */
  published = '';
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private readonly controller = new AbortController();
  private stopCause: StopCause | null = null;
  /** Whether the answer's message row was written (its launch saved). */
  private readonly saved: Promise<boolean>;
  private ended = false;
  private readonly log: Logger;
  private meter: AnswerMeter | null = null;
  /** How the answer ended, once it has (what a snapshot tells a subscriber that missed the events). */
  end: NonNullable<StatusEvent['data']['end']> | null = null;

  constructor(
    readonly spec: PaneRunSpec,
    private readonly deps: PaneRunDeps,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.saved = spec.persisted.then(
      () => true,
      () => false,
    );
    this.log = deps.logger.child({
      sessionId: spec.sessionId,
      paneId: spec.pane.id,
      messageId: spec.messageId,
    });
  }

  get paneId(): string {
    return this.spec.pane.id;
  }

  get sessionId(): string {
    return this.spec.sessionId;
  }

  get messageId(): string {
    return this.spec.messageId;
  }

  stop(cause: StopCause): void {
    if (this.stopCause) return;
    this.stopCause = cause;
    this.controller.abort();
  }

  get stopped(): boolean {
    return this.stopCause !== null;
  }

  /** Ends a run that never left the queue. */
  async cancelQueued(cause: StopCause): Promise<void> {
    this.stopCause = cause;
    this.meter = new AnswerMeter();
    await this.finish({
      reason: cause === 'shutdown' ? 'interrupted' : 'stopped',
      providerFinishReason: null,
      error: null,
      usage: null,
      retries: 0,
    });
  }

  async execute(adapter: ProviderAdapter): Promise<void> {
    const { pane } = this.spec;
    const meter = (this.meter = new AnswerMeter());
    const outcome: Outcome = {
      reason: 'error',
      providerFinishReason: null,
      error: null,
      usage: null,
      retries: 0,
    };

    this.setState('streaming');
    const grid = this.deps.flushGrid;
    const cost = new LiveCost(
      (usage) => this.deps.registry.price(pane.providerId, pane.modelId, usage),
      this.spec.history,
    );
    const coalescer = new TokenCoalescer({
      windowMs: this.deps.settings.coalesceWindowMs,
      ...(grid ? { setTimer: grid.schedule, clearTimer: grid.cancel } : {}),
      onFlush: (token) => {
        this.published += token;
        const progress = meter.progress(this.published);
        this.emit({
          type: 'token',
          data: progress
            ? { token, progress: { ...progress, costUsd: cost.at(progress.outputTokens) } }
            : { token },
        });
      },
    });
    void this.saved.then((saved) => {
      if (saved && !this.ended) this.deps.saver.track(this);
    });
    const request: StreamRequest = {
      modelId: pane.modelId,
      messages: this.spec.history,
      params: pane.params,
    };
    try {
      for await (const part of runStream(adapter, request, {
        signal: this.controller.signal,
        timeouts: this.deps.registry.timeouts,
        retry: this.deps.registry.retry,
      })) {
        switch (part.type) {
          case 'text-delta':
            meter.firstToken();
            this.content += part.text;
            coalescer.push(part.text);
            if (this.spec.budget?.add(part.text)) this.stop('budget');
            break;
          case 'usage':
            outcome.usage = part.usage;
            break;
          case 'retry':
            outcome.retries = part.attempt;
            this.log.warn(
              { attempt: part.attempt, delayMs: part.delayMs, kind: part.error.kind },
              'retrying upstream',
            );
            this.emit({
              type: 'status',
              data: {
                state: 'streaming',
                retry: { attempt: part.attempt, delayMs: part.delayMs, reason: part.error.message },
              },
            });
            break;
          case 'error':
            outcome.error = part.error.toInfo();
            break;
          case 'finish':
            outcome.reason = part.reason;
            outcome.providerFinishReason = part.providerFinishReason;
            break;
        }
      }
    } catch (thrown) {
      // runStream reports failures as parts; anything thrown is a bug we still must not lose text to.
      this.log.error({ err: thrown }, 'stream failed unexpectedly');
      outcome.error = {
        kind: 'unknown',
        message: thrown instanceof Error ? thrown.message : String(thrown),
        suggestion: 'Retry the pane; if it keeps failing, check the server log.',
        retryable: true,
      };
      outcome.reason = 'error';
    } finally {
      coalescer.flush();
    }
    if (this.stopCause === 'shutdown') outcome.reason = 'interrupted';
    else if (this.stopCause === 'user' && outcome.reason !== 'done') outcome.reason = 'stopped';
    else if (this.stopCause === 'budget' && outcome.reason !== 'done') outcome.reason = 'budget';
    if (outcome.reason === 'content_filter' && !outcome.error) outcome.error = CONTENT_FILTERED;
    await this.finish(outcome);
  }

  /**
   * Saves the end (retried until the database takes it), then tells subscribers. When the first
   * save does not succeed within a moment the end is shown anyway, marked not saved yet; a later
   * status event says when it is.
   */
  private async finish(outcome: Outcome): Promise<void> {
    this.ended = true;
    this.deps.saver.untrack(this);
    const { pane } = this.spec;
    const metrics = (this.meter ?? new AnswerMeter()).finish({
      usage: outcome.usage,
      history: this.spec.history,
      content: this.content,
      retries: outcome.retries,
      price: (usage) => this.deps.registry.price(pane.providerId, pane.modelId, usage),
    });
    const status = statusFor(outcome.reason, outcome.error);
    const citations = this.spec.citations?.(this.content);
    this.deps.stats.recordAnswer(pane.providerId, metrics, status === 'error');
    // A launch that could not be saved has no row to finish; its caller was told.
    const saved = (await this.saved)
      ? await this.deps.finalSaves.save({
          messageId: this.spec.messageId,
          paneId: pane.id,
          sessionId: this.spec.sessionId,
          finished: {
            content: this.content,
            status,
            endReason: outcome.reason,
            finishReason: outcome.providerFinishReason,
            error: outcome.error,
            metrics: { ...metrics, providerId: pane.providerId, modelId: pane.modelId },
            ...(citations ? { citations } : {}),
          },
        })
      : true;
    // After the save: a budget's next reader finds this cost in the database.
    this.spec.budget?.settle(metrics.cost);
    const meter = { ...metrics, tokensUsed: metrics.inputTokens + metrics.outputTokens };
    this.end = {
      reason: outcome.reason,
      providerFinishReason: outcome.providerFinishReason,
      error: outcome.error,
      metrics: meter,
    };
    this.state = status;
    if (outcome.error)
      this.emit({ type: 'error', data: { ...outcome.error, partialContent: this.content } });
    this.emit({
      type: 'final',
      data: {
        content: this.content,
        reason: outcome.reason,
        providerFinishReason: outcome.providerFinishReason,
        ...(citations ? { citations } : {}),
      },
    });
    this.emit({ type: 'meter', data: meter });
    this.emit({
      type: 'status',
      data: saved ? { state: status } : { state: status, saved: false },
    });
    this.log.info({ status, reason: outcome.reason, saved, ...metrics }, 'answer finished');
    this.resolveDone();
  }

  /** The answer's first event: it is queued, with its pane and the prompt it answers. */
  announceQueued(): void {
    const { pane, userMessage } = this.spec;
    this.emit({
      type: 'status',
      data: { state: 'queued', pane, ...(userMessage ? { userMessage } : {}) },
    });
  }

  setState(state: PaneState): void {
    this.state = state;
    this.emit({ type: 'status', data: { state } });
  }

  private emit(event: DistributiveOmit<PaneEvent, 'sessionId' | 'paneId' | 'messageId'>): void {
    // Written out rather than spread: this runs for every flushed token, and an object literal of
    // one shape is several times cheaper than copying `event`'s keys.
    this.deps.hub.publish({
      type: event.type,
      sessionId: this.spec.sessionId,
      paneId: this.spec.pane.id,
      messageId: this.spec.messageId,
      data: event.data,
    } as PaneEvent);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function statusFor(
  reason: EndReason,
  error: PaneErrorInfo | null,
): Exclude<MessageStatus, 'streaming'> {
  if (reason === 'interrupted') return 'interrupted';
  if (reason === 'stopped' || reason === 'budget') return 'stopped';
  if (error || reason === 'error' || reason === 'timeout') return 'error';
  return 'complete';
}
