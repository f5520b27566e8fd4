import { MessageGoneError, type FinishedAnswer, type MessagesRepository } from '@mlb/db';
import type { Logger } from '@mlb/logger';

/** An ended answer on its way to the database. */
export interface EndedAnswer {
  messageId: string;
  paneId: string;
  sessionId: string;
  finished: FinishedAnswer;
}

export interface FinalSavesOptions {
  /** How long an answer's end waits for its first save before it is shown as "not saved yet". */
  firstAttemptMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const DEFAULTS: FinalSavesOptions = { firstAttemptMs: 2000, baseDelayMs: 200, maxDelayMs: 5000 };

/** A message that no longer exists (its session was deleted meanwhile): nothing to save into. */
const isGone = (error: unknown) => error instanceof MessageGoneError;

/**
 * The last save of every ended answer, retried with backoff until the database accepts it: an
 * answer the user has seen finish must not be lost to a database that is away for a few seconds.
 * Until then the answer lives here (its text, status and metrics), so reads can show it and the
 * memory it holds is visible (`bytes`) and bounded by the caller. One save per answer at a time,
 * so the writes of one answer stay in order.
 */
export class FinalSaves {
  private readonly pending = new Map<string, EndedAnswer>();
  private bytesHeld = 0;
  private readonly options: FinalSavesOptions;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly deps: {
      db: { messages: Pick<MessagesRepository, 'finish'> };
      logger: Logger;
      /** A save that had failed has succeeded: tell the answer's subscribers. */
      onSavedLate: (answer: EndedAnswer) => void;
    },
    options: Partial<FinalSavesOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Answers waiting for the database. */
  get count(): number {
    return this.pending.size;
  }

  /** Characters of text they hold (what the memory bound counts). */
  get bytes(): number {
    return this.bytesHeld;
  }

  get(messageId: string): EndedAnswer | undefined {
    return this.pending.get(messageId);
  }

  /**
   * Saves the answer. Resolves true when its first attempt succeeded within `firstAttemptMs`;
   * false when it did not (it keeps retrying, and `onSavedLate` reports the success).
   */
  save(answer: EndedAnswer): Promise<boolean> {
    this.pending.set(answer.messageId, answer);
    this.bytesHeld += answer.finished.content.length;
    return new Promise((resolve) => {
      let settled = false;
      let toldUnsaved = false;
      /** Answers the caller once; returns whether the caller was told "not saved". */
      const report = (saved: boolean): boolean => {
        if (!settled) {
          settled = true;
          toldUnsaved = !saved;
          clearTimeout(timer);
          resolve(saved);
        }
        return toldUnsaved;
      };
      const timer = setTimeout(() => report(false), this.options.firstAttemptMs);
      void this.keepTrying(answer, report);
    });
  }

  /** Waits (bounded) until nothing is pending; returns how many answers are still unsaved. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.pending.size > 0) {
      let done!: () => void;
      const empty = new Promise<void>((resolve) => (done = resolve));
      this.idle.add(done);
      await Promise.race([empty, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      this.idle.delete(done);
    }
    return this.pending.size;
  }

  private async keepTrying(
    answer: EndedAnswer,
    report: (saved: boolean) => boolean,
  ): Promise<void> {
    const log = this.deps.logger.child({
      messageId: answer.messageId,
      sessionId: answer.sessionId,
    });
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.deps.db.messages.finish(answer.messageId, answer.finished);
        if (report(true)) {
          log.info({ attempts: attempt + 1 }, 'answer saved late (the database was slow or away)');
          this.deps.onSavedLate(answer);
        }
        break;
      } catch (error) {
        if (isGone(error)) {
          log.info('answer not saved: its session was deleted meanwhile');
          report(true);
          break;
        }
        report(false);
        const delayMs = Math.min(
          this.options.maxDelayMs,
          this.options.baseDelayMs * 2 ** Math.min(attempt, 10),
        );
        if (attempt === 0) log.warn({ err: error }, 'could not save an ended answer; retrying');
        else log.debug({ attempt, delayMs }, 'saving the ended answer again');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
    this.pending.delete(answer.messageId);
    this.bytesHeld -= answer.finished.content.length;
    if (this.pending.size === 0) for (const done of this.idle) done();
  }
}
