import type {
  AnswerMetrics,
  EndReason,
  MessageStatus,
  PaneErrorInfo,
  PaneEvent,
  PaneState,
  PaneView,
  Usage,
} from '@mlb/contracts';
import type { Db } from '@mlb/db';
import type { Logger } from '@mlb/logger';
import {
  runStream,
  type ChatMessage,
  type ProviderAdapter,
  type ProviderRegistry,
  type StreamRequest,
} from '@mlb/providers';

import type { EventHub } from './event-hub';
import type { StatsCollector } from './stats-collector';
import type { StreamingSaver, StreamingText } from './streaming-saver';
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
}

export interface PaneRunDeps {
  db: Db;
  hub: EventHub;
  registry: ProviderRegistry;
  stats: StatsCollector;
  logger: Logger;
  settings: RunSettings;
  saver: StreamingSaver;
}

export type StopCause = 'user' | 'shutdown';

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
    await this.finish({
      reason: cause === 'shutdown' ? 'interrupted' : 'stopped',
      providerFinishReason: null,
      error: null,
      usage: null,
      timing: { startedAt: performance.now(), firstTokenAt: null },
      retries: 0,
    });
  }

  async execute(adapter: ProviderAdapter): Promise<void> {
    const { pane } = this.spec;
    const startedAt = performance.now();
    let firstTokenAt: number | null = null;
    let usage: Usage | null = null;
    let retries = 0;
    let error: PaneErrorInfo | null = null;
    let reason: EndReason = 'error';
    let providerFinishReason: string | null = null;

    this.setState('streaming');
    const coalescer = new TokenCoalescer({
      windowMs: this.deps.settings.coalesceWindowMs,
      onFlush: (token) => {
        this.published += token;
        this.emit({ type: 'token', data: { token } });
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
            firstTokenAt ??= performance.now();
            this.content += part.text;
            coalescer.push(part.text);
            break;
          case 'usage':
            usage = part.usage;
            break;
          case 'retry':
            retries = part.attempt;
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
            error = part.error.toInfo();
            break;
          case 'finish':
            reason = part.reason;
            providerFinishReason = part.providerFinishReason;
            break;
        }
      }
    } catch (thrown) {
      // runStream reports failures as parts; anything thrown is a bug we still must not lose text to.
      this.log.error({ err: thrown }, 'stream failed unexpectedly');
      error = {
        kind: 'unknown',
        message: thrown instanceof Error ? thrown.message : String(thrown),
        suggestion: 'Retry the pane; if it keeps failing, check the server log.',
        retryable: true,
      };
      reason = 'error';
    } finally {
      coalescer.flush();
    }
    if (this.stopCause === 'shutdown') reason = 'interrupted';
    else if (this.stopCause === 'user' && reason !== 'done') reason = 'stopped';
    if (reason === 'content_filter' && !error) error = CONTENT_FILTERED;
    await this.finish({
      reason,
      providerFinishReason,
      error,
      usage,
      timing: { startedAt, firstTokenAt },
      retries,
    });
  }

  private async finish(outcome: {
    reason: EndReason;
    providerFinishReason: string | null;
    error: PaneErrorInfo | null;
    usage: Usage | null;
    timing: { startedAt: number; firstTokenAt: number | null };
    retries: number;
  }): Promise<void> {
    this.ended = true;
    this.deps.saver.untrack(this);
    const { pane } = this.spec;
    const endedAt = performance.now();
    const { startedAt, firstTokenAt } = outcome.timing;
    const usage = outcome.usage;
    const streamSeconds = firstTokenAt === null ? 0 : (endedAt - firstTokenAt) / 1000;
    const metrics: AnswerMetrics = {
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedTokens: usage?.cachedTokens ?? 0,
      cost: usage ? this.deps.registry.price(pane.providerId, pane.modelId, usage) : null,
      ttftMs: firstTokenAt === null ? null : Math.round(firstTokenAt - startedAt),
      latencyMs: Math.round(endedAt - startedAt),
      tokensPerSecond:
        usage && usage.outputTokens > 0 && streamSeconds > 0
          ? usage.outputTokens / streamSeconds
          : null,
      retries: outcome.retries,
    };
    const status = statusFor(outcome.reason, outcome.error);
    const saved = await this.saved;
    try {
      // A launch that could not be saved has no row to finish; its caller was told.
      if (saved) {
        await this.deps.db.messages.finish(this.spec.messageId, {
          content: this.content,
          status,
          finishReason: outcome.providerFinishReason ?? outcome.reason,
          error: outcome.error,
          metrics: { ...metrics, providerId: pane.providerId, modelId: pane.modelId },
        });
      }
    } catch (err) {
      this.log.error({ err }, 'could not save the answer');
    }
    this.deps.stats.recordAnswer(pane.providerId, metrics, status === 'error');
    if (outcome.error)
      this.emit({ type: 'error', data: { ...outcome.error, partialContent: this.content } });
    this.emit({
      type: 'final',
      data: {
        content: this.content,
        reason: outcome.reason,
        providerFinishReason: outcome.providerFinishReason,
      },
    });
    this.emit({
      type: 'meter',
      data: { ...metrics, tokensUsed: metrics.inputTokens + metrics.outputTokens },
    });
    this.setState(status);
    this.log.info({ status, reason: outcome.reason, ...metrics }, 'answer finished');
    this.resolveDone();
  }

  setState(state: PaneState): void {
    this.state = state;
    this.emit({ type: 'status', data: { state } });
  }

  private emit(event: DistributiveOmit<PaneEvent, 'sessionId' | 'paneId' | 'messageId'>): void {
    this.deps.hub.publish({
      ...event,
      sessionId: this.spec.sessionId,
      paneId: this.spec.pane.id,
      messageId: this.spec.messageId,
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function statusFor(
  reason: EndReason,
  error: PaneErrorInfo | null,
): Exclude<MessageStatus, 'streaming'> {
  if (reason === 'interrupted') return 'interrupted';
  if (reason === 'stopped') return 'stopped';
  if (error || reason === 'error' || reason === 'timeout') return 'error';
  return 'complete';
}
