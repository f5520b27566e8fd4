import type { MessageView, PaneView } from '@mlb/contracts';
import {
  MessageGoneError,
  type BroadcastKind,
  type BroadcastLaunch,
  type BroadcastsRepository,
  type FinishedAnswer,
  type InstanceRecord,
  type InstancesRepository,
  type MessagesRepository,
  type SessionsRepository,
} from '@mlb/db';

/*
 * An in-memory stand-in for the parts of `Db` (@mlb/db) the domain's answer pipeline uses. Each
 * method copies what the real repository does (packages/db/src/repositories: broadcasts.ts and
 * launch-rows.ts, messages.ts and update-streaming.ts, sessions.ts, instances.ts), including the
 * error a message deleted meanwhile gives, so the domain meets the same rules here as on SQLite or
 * PostgreSQL. Calls answer asynchronously, like a driver, and can be made to fail or hang.
 */

export type DbMethod =
  | 'broadcasts.launch'
  | 'messages.get'
  | 'messages.updateContents'
  | 'messages.finish'
  | 'sessions.threads'
  | 'sessions.exists'
  | 'sessions.delete'
  | 'instances.heartbeat'
  | 'instances.alive'
  | 'instances.reap'
  | 'instances.remove';

/** One call as it reached the database, in the order they were issued. */
export interface DbCall {
  method: DbMethod;
  /** Date.now() when it was issued (the fake clock in tests that use one). */
  at: number;
  /** The messages it writes or reads, when it names any. */
  messageIds: string[];
}

/** Prisma's P1001, what a database that cannot be reached gives (prisma.io/docs, error reference). */
function databaseUnreachable(): Error {
  return Object.assign(
    new Error(
      "Can't reach database server at `127.0.0.1:5432`\n\nPlease make sure your database server is running at `127.0.0.1:5432`.",
    ),
    { code: 'P1001' },
  );
}

type Fault = { kind: 'fail'; error: Error } | { kind: 'hang'; released: Promise<Error | null> };

interface StoredSession {
  id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

interface StoredMessage extends MessageView {
  seq: number;
  ownerId: string | null;
}

interface StoredBroadcast {
  id: string;
  sessionId: string;
  prompt: string;
  kind: BroadcastKind;
}

type StoredInstance = Omit<InstanceRecord, 'startedAt' | 'heartbeatAt'> & {
  startedAt: Date;
  heartbeatAt: Date;
};

export class MemoryDb {
  readonly calls: DbCall[] = [];
  private readonly faults = new Map<DbMethod, Fault[]>();
  private readonly sessionRows = new Map<string, StoredSession>();
  private readonly paneRows = new Map<string, PaneView>();
  private readonly broadcastRows = new Map<string, StoredBroadcast>();
  private readonly messageRows = new Map<string, StoredMessage>();
  private readonly instanceRows = new Map<string, StoredInstance>();

  /** The next `times` calls of `method` fail with `error` (by default: the database is away). */
  failNext(method: DbMethod, times = 1, error: Error = databaseUnreachable()): void {
    for (let i = 0; i < times; i += 1) this.plan(method, { kind: 'fail', error });
  }

  /**
   * The next call of `method` waits until the returned function is called; then it runs, or fails
   * with the error given. What it writes lands then, as a statement that reached the server late.
   */
  hangNext(method: DbMethod): (error?: Error) => void {
    let release!: (error: Error | null) => void;
    const released = new Promise<Error | null>((resolve) => (release = resolve));
    this.plan(method, { kind: 'hang', released });
    return (error) => release(error ?? null);
  }

  /** The calls of `method` issued so far (those naming `messageId`, when given). */
  callsOf(method: DbMethod, messageId?: string): DbCall[] {
    return this.calls.filter(
      (c) => c.method === method && (messageId === undefined || c.messageIds.includes(messageId)),
    );
  }

  readonly broadcasts: Pick<BroadcastsRepository, 'launch'> = {
    launch: (input) =>
      this.call(
        'broadcasts.launch',
        input.messages.map((m) => m.id),
        () => this.writeLaunch(input),
      ),
  };

  readonly messages: Pick<MessagesRepository, 'get' | 'updateContents' | 'finish'> = {
    get: (id) => this.call('messages.get', [id], () => this.messageView(id)),

    // Only rows still "streaming" change: a final save is never undone.
    updateContents: (updates) =>
      this.call(
        'messages.updateContents',
        updates.map((u) => u.id),
        () => {
          for (const { id, content } of updates) {
            const row = this.messageRows.get(id);
            if (row?.status !== 'streaming') continue;
            row.content = content;
            row.updatedAt = new Date().toISOString();
          }
        },
      ),

    finish: (id, input) =>
      this.call('messages.finish', [id], () => {
        this.finishMessage(id, input);
      }),
  };

  readonly sessions: Pick<SessionsRepository, 'threads' | 'exists' | 'delete'> = {
    threads: (id) =>
      this.call('sessions.threads', [], () => {
        const session = this.sessionRows.get(id);
        if (!session) return null;
        return {
          title: session.title,
          // Budgets are not part of the answer pipeline these tests exercise.
          budgetUsd: null,
          panes: this.panesOf(id).map((pane) => ({
            pane: { ...pane },
            messages: this.messagesOf(pane.id).map((m) => ({ ...this.toView(m), metrics: null })),
          })),
        };
      }),

    exists: (id) => this.call('sessions.exists', [], () => this.sessionRows.has(id)),

    // The schema cascades a session's delete to its panes, broadcasts and messages.
    delete: (id) =>
      this.call('sessions.delete', [], () => {
        if (!this.sessionRows.delete(id)) return false;
        for (const pane of this.panesOf(id)) {
          for (const message of this.messagesOf(pane.id)) this.messageRows.delete(message.id);
          this.paneRows.delete(pane.id);
        }
        for (const [broadcastId, b] of this.broadcastRows)
          if (b.sessionId === id) this.broadcastRows.delete(broadcastId);
        return true;
      }),
  };

  readonly instances: InstancesRepository = {
    heartbeat: ({ id, pid, hostname }) =>
      this.call('instances.heartbeat', [], () => {
        const now = new Date();
        const row = this.instanceRows.get(id);
        if (row) row.heartbeatAt = now;
        else this.instanceRows.set(id, { id, pid, hostname, startedAt: now, heartbeatAt: now });
      }),

    alive: (aliveSince) =>
      this.call('instances.alive', [], () =>
        [...this.instanceRows.values()]
          .filter((i) => i.heartbeatAt >= aliveSince)
          .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
          .map((i) => ({
            ...i,
            startedAt: i.startedAt.toISOString(),
            heartbeatAt: i.heartbeatAt.toISOString(),
          })),
      ),

    reap: ({ self, aliveSince, dead = [] }) =>
      this.call('instances.reap', [], () => {
        const owners = new Set([self]);
        for (const i of this.instanceRows.values())
          if (i.heartbeatAt >= aliveSince && !dead.includes(i.id)) owners.add(i.id);
        const orphans = [...this.messageRows.values()].filter(
          (m) => m.status === 'streaming' && (m.ownerId === null || !owners.has(m.ownerId)),
        );
        for (const m of orphans) {
          m.status = 'interrupted';
          m.endReason = 'interrupted';
          m.ownerId = null;
        }
        for (const [id, i] of this.instanceRows)
          if (id !== self && (i.heartbeatAt < aliveSince || dead.includes(id)))
            this.instanceRows.delete(id);
        return orphans.map((m) => ({
          messageId: m.id,
          paneId: m.paneId,
          sessionId: this.paneRows.get(m.paneId)!.sessionId,
          content: m.content,
        }));
      }),

    remove: (id) =>
      this.call('instances.remove', [], () => {
        this.instanceRows.delete(id);
      }),
  };

  /** Who streams a message, as the row says (null once it has ended). */
  ownerOf(messageId: string): string | null | undefined {
    return this.messageRows.get(messageId)?.ownerId;
  }

  private plan(method: DbMethod, fault: Fault): void {
    const planned = this.faults.get(method) ?? [];
    planned.push(fault);
    this.faults.set(method, planned);
  }

  private async call<T>(method: DbMethod, messageIds: string[], run: () => T): Promise<T> {
    this.calls.push({ method, at: Date.now(), messageIds });
    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === 'fail') throw fault.error;
    if (fault?.kind === 'hang') {
      const error = await fault.released;
      if (error) throw error;
    }
    // A driver answers in a later tick, never in the caller's.
    await Promise.resolve();
    return run();
  }

  /** All or nothing, as the real launch's transaction: every check before the first write. */
  private writeLaunch({ session, panes, broadcast, messages }: BroadcastLaunch): void {
    if (session.isNew && this.sessionRows.has(session.id))
      throw new Error('UNIQUE constraint failed: Session.id');
    // The real UPDATE of a deleted session changes nothing; the broadcast's foreign key then fails.
    if (!session.isNew && !this.sessionRows.has(session.id))
      throw new Error('FOREIGN KEY constraint failed');
    const taken = new Set(this.panesOf(session.id).map((p) => p.position));
    for (const pane of panes) {
      if (taken.has(pane.position))
        throw new Error('UNIQUE constraint failed: Pane.sessionId, Pane.position');
      taken.add(pane.position);
    }
    const newPanes = new Set(panes.map((p) => p.id));
    for (const m of messages)
      if (!newPanes.has(m.paneId) && !this.paneRows.has(m.paneId))
        throw new Error('FOREIGN KEY constraint failed');

    const now = new Date();
    const existing = this.sessionRows.get(session.id);
    if (existing) existing.updatedAt = now;
    else
      this.sessionRows.set(session.id, {
        id: session.id,
        title: session.title,
        createdAt: broadcast.createdAt,
        updatedAt: now,
      });
    for (const pane of panes)
      this.paneRows.set(pane.id, {
        id: pane.id,
        sessionId: pane.sessionId,
        providerId: pane.providerId,
        modelId: pane.modelId,
        kind: pane.kind,
        params: { ...pane.params },
        systemPrompt: pane.systemPrompt,
        position: pane.position,
        simulated: pane.providerId === 'demo',
        createdAt: pane.createdAt.toISOString(),
      });
    this.broadcastRows.set(broadcast.id, {
      id: broadcast.id,
      sessionId: session.id,
      prompt: broadcast.prompt,
      kind: broadcast.kind,
    });
    for (const m of messages) {
      const createdAt = m.createdAt.toISOString();
      this.messageRows.set(m.id, {
        id: m.id,
        paneId: m.paneId,
        broadcastId: m.broadcastId,
        role: m.role,
        content: m.content,
        status: m.status,
        ownerId: m.ownerId ?? null,
        seq: Math.max(-1, ...this.messagesOf(m.paneId).map((x) => x.seq)) + 1,
        error: null,
        finishReason: null,
        endReason: null,
        metrics: null,
        createdAt,
        updatedAt: createdAt,
      });
    }
  }

  private finishMessage(id: string, input: FinishedAnswer): MessageView {
    const row = this.messageRows.get(id);
    // The real repository's words, which FinalSaves recognises.
    if (!row) throw new MessageGoneError(id);
    // Stored as given; the real store keeps the error's kind, message, suggestion and status, and
    // derives `retryable` from the kind, which gives the same value for the providers' errors.
    const { content, status, endReason, finishReason, error, metrics } = input;
    Object.assign(row, { content, status, endReason, finishReason, error, ownerId: null });
    if (metrics) {
      const { providerId: _providerId, modelId: _modelId, ...answerMetrics } = metrics;
      row.metrics = answerMetrics;
    }
    row.updatedAt = new Date().toISOString();
    const session = this.sessionRows.get(this.paneRows.get(row.paneId)!.sessionId);
    if (session) session.updatedAt = new Date();
    return this.toView(row);
  }

  private messageView(id: string): MessageView | null {
    const row = this.messageRows.get(id);
    return row ? this.toView(row) : null;
  }

  private toView(row: StoredMessage): MessageView {
    const { seq: _seq, ownerId: _ownerId, ...view } = row;
    return structuredClone(view);
  }

  private panesOf(sessionId: string): PaneView[] {
    return [...this.paneRows.values()]
      .filter((p) => p.sessionId === sessionId)
      .sort((a, b) => a.position - b.position);
  }

  private messagesOf(paneId: string): StoredMessage[] {
    return [...this.messageRows.values()]
      .filter((m) => m.paneId === paneId)
      .sort((a, b) => a.seq - b.seq);
  }
}
