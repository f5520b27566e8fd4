import type { BroadcastClient } from '@mlb/client/node';
import type { LoggedPaneEvent, ModelSelection, PaneEvent } from '@mlb/contracts';

export interface ProductRun {
  /** Per answer: ms from the broadcast call to its first token event / its final event. */
  ttft: number[];
  ttlt: number[];
  /** Per answer: the server's own time to first token (its meter), from the answer's start; whole ms. */
  serverTtft: number[];
  /** Each answer's text as this client received it. */
  texts: string[];
  events: number;
  duplicates: number;
  /** ms from the broadcast call to its response (the product's broadcast.create). */
  createMs: number;
}

const ENDED = new Set(['complete', 'error', 'stopped', 'interrupted']);

interface AnswerTrace {
  firstAt: number | null;
  lastAt: number | null;
  /** The meter's ttftMs (null until the meter arrives, after the final). */
  serverTtftMs: number | null;
  /** The end status arrived: the meter has too. */
  settled: boolean;
  text: string;
  events: number;
}

/**
 * One session followed the way the web app follows it: a subscription opened once, then
 * broadcast after broadcast into it. Events are filed by answer as they arrive, including those
 * that beat the broadcast call's own response.
 */
class SessionFeed {
  private readonly answers = new Map<string, AnswerTrace>();
  private readonly seen = new Set<string>();
  private duplicates = 0;
  private readonly waiters = new Set<() => void>();
  private failure: Error | null = null;

  private constructor(
    private readonly client: BroadcastClient,
    readonly sessionId: string,
    private readonly unsubscribe: () => void,
  ) {}

  /** Subscribes (in batches, as the web app does) and resolves once the server has attached the subscription. */
  static open(client: BroadcastClient, sessionId: string): Promise<SessionFeed> {
    return new Promise((resolve, reject) => {
      let feed: SessionFeed | null = null;
      const sub = client.sessions.eventBatches.subscribe(
        { sessionId },
        {
          onStarted: () => {
            if (feed) return;
            feed = new SessionFeed(client, sessionId, () => sub.unsubscribe());
            resolve(feed);
          },
          onData: ({ data }: { data: LoggedPaneEvent[] }) => {
            for (const { id, event } of data) feed?.record(id, event);
          },
          onError: (error) => {
            if (feed) feed.fail(error);
            else reject(error instanceof Error ? error : new Error(String(error)));
          },
        },
      );
    });
  }

  /** Broadcasts and times each answer through the whole product, until all of them end. */
  async broadcast(
    prompt: string,
    models: ModelSelection[],
    timeoutMs = 120_000,
  ): Promise<ProductRun> {
    const started = performance.now();
    const result = await this.client.broadcast.create.mutate({
      sessionId: this.sessionId,
      prompt,
      models,
    });
    const createMs = performance.now() - started;
    const ids = result.panes.map((p) => p.messageId);
    const duplicatesBefore = this.duplicates;
    await this.until(
      () =>
        ids.every((id) => this.answers.get(id)?.lastAt != null && this.answers.get(id)?.settled),
      timeoutMs,
    );
    const traces = ids.map((id) => this.answers.get(id)!);
    for (const id of ids) this.answers.delete(id);
    return {
      ttft: traces.map((t) => (t.firstAt === null ? Number.NaN : t.firstAt - started)),
      ttlt: traces.map((t) => t.lastAt! - started),
      serverTtft: traces.map((t) => t.serverTtftMs ?? Number.NaN),
      texts: traces.map((t) => t.text),
      events: traces.reduce((n, t) => n + t.events, 0),
      duplicates: this.duplicates - duplicatesBefore,
      createMs,
    };
  }

  /** Resolves once the answer has ended as far as this feed knows (its final or a snapshot of it, and its end status). */
  ended(messageId: string, timeoutMs = 30_000): Promise<void> {
    return this.until(
      () =>
        this.answers.get(messageId)?.lastAt != null &&
        this.answers.get(messageId)?.settled === true,
      timeoutMs,
    );
  }

  close(): void {
    this.unsubscribe();
  }

  private record(id: string, event: PaneEvent): void {
    if (this.seen.has(id)) {
      this.duplicates += 1;
      return;
    }
    this.seen.add(id);
    const now = performance.now();
    let trace = this.answers.get(event.messageId);
    if (!trace)
      this.answers.set(
        event.messageId,
        (trace = {
          firstAt: null,
          lastAt: null,
          serverTtftMs: null,
          settled: false,
          text: '',
          events: 0,
        }),
      );
    trace.events += 1;
    if (event.type === 'token') {
      trace.firstAt ??= now;
      trace.text += event.data.token;
    } else if (event.type === 'status') {
      // A snapshot (sent when a subscription attaches) carries the text so far.
      if (event.data.content !== undefined) trace.text = event.data.content;
      if (ENDED.has(event.data.state)) {
        trace.lastAt ??= now;
        trace.settled = true;
        for (const wake of this.waiters) wake();
      }
    } else if (event.type === 'meter') {
      trace.serverTtftMs = event.data.ttftMs;
    } else if (event.type === 'final') {
      trace.lastAt = now;
      for (const wake of this.waiters) wake();
    }
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error('the session subscription failed');
    for (const wake of this.waiters) wake();
  }

  private until(done: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) finish(this.failure);
        else if (done()) finish(null);
      };
      const finish = (error: Error | null) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => finish(new Error(`a broadcast did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.add(check);
      check();
    });
  }
}

/** A session to broadcast into (created with one instant demo answer), already followed. */
export async function openSession(client: BroadcastClient): Promise<SessionFeed> {
  const seed = await client.broadcast.create.mutate({
    prompt: 'seed',
    models: [{ providerId: 'demo', modelId: 'demo-fast' }],
  });
  const feed = await SessionFeed.open(client, seed.sessionId);
  // The subscription's snapshot is read after it starts: let that settle before anything is timed.
  await feed.ended(seed.panes[0]!.messageId);
  return feed;
}
