import type { MessagesRepository } from '@mlb/db';
import type { Logger } from '@mlb/logger';

/** What the saver reads of an answer: its message and its text so far. */
export interface StreamingText {
  readonly messageId: string;
  readonly content: string;
}

export interface StreamingSaverDeps {
  db: { messages: Pick<MessagesRepository, 'updateContents'> };
  logger: Logger;
}

/**
 * Saves the text so far of every streaming answer together, once per interval: one statement for
 * all of them rather than one write per answer, whose cost grows with the number of answers and
 * lands on the event loop (SQLite runs on this thread). What it saves is at most one interval old;
 * the final save of each answer carries its whole text.
 */
export class StreamingSaver {
  /** Each tracked answer with the length of text last saved (-1: save again, the last try failed). */
  private readonly tracked = new Map<StreamingText, number>();
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly deps: StreamingSaverDeps,
    private readonly intervalMs: number,
  ) {}

  /** Start saving an answer's text (its message row must exist). */
  track(answer: StreamingText): void {
    this.tracked.set(answer, answer.content.length === 0 ? 0 : -1);
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
  }

  /** Stop saving it: its final save follows. */
  untrack(answer: StreamingText): void {
    this.tracked.delete(answer);
    if (this.tracked.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  get size(): number {
    return this.tracked.size;
  }

  /** Saves every tracked answer whose text changed; a tick that finds the last save still running skips. */
  async flush(): Promise<void> {
    if (this.inFlight) return;
    const batch: { answer: StreamingText; content: string }[] = [];
    for (const [answer, saved] of this.tracked) {
      if (answer.content.length !== saved) batch.push({ answer, content: answer.content });
    }
    if (batch.length === 0) return;
    for (const { answer, content } of batch) this.tracked.set(answer, content.length);
    this.inFlight = this.deps.db.messages
      .updateContents(batch.map(({ answer, content }) => ({ id: answer.messageId, content })))
      .catch((err: unknown) => {
        this.deps.logger.warn(
          { err, answers: batch.length },
          'partial save failed; the next one or the final save will carry the text',
        );
        for (const { answer } of batch) if (this.tracked.has(answer)) this.tracked.set(answer, -1);
      })
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
  }
}
