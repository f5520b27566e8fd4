import { randomUUID } from 'node:crypto';

import type { Citation, MessageView, PaneView } from '@mlb/contracts';
import type { BroadcastKind, BroadcastLaunch, BroadcastsRepository } from '@mlb/db';
import { requestsSent, type ProviderAdapter } from '@mlb/providers';

import type { LaunchBudget } from './budget/plan-spend';
import type { DomainContext } from './context';
import { DomainError } from './errors';
import { buildChatHistory } from './thread';

/** Ids are made here, not by the database, so answers can start before their rows are written. */
export const newId = (): string => randomUUID();

export interface LaunchTarget {
  pane: PaneView;
  /** Created by this launch: not in the database yet. */
  isNew: boolean;
  /** The pane's thread as the model should see it, before `prompt`. */
  thread: MessageView[];
  /** The user turn added before the answer; null to answer the thread as it is (retry). */
  prompt: string | null;
  adapter: ProviderAdapter;
  /** Saved with the user turn: where it came from (send-to), what a fusion was asked. */
  userExtras?: Pick<MessageView, 'source' | 'fuse'>;
  /** A fused answer: its citations, read from its text when it ends. */
  citations?: (content: string) => Citation[];
}

export interface Launch {
  session: { id: string; title: string; isNew: boolean };
  broadcast: { prompt: string; kind: BroadcastKind; budgetUsd?: number | undefined };
  targets: LaunchTarget[];
  /** Guards each answer against the budgets that apply (planSpend); none when none does. */
  budget?: LaunchBudget | undefined;
}

/** What a launch uses of the domain: it writes one thing, the launch itself. */
export type LaunchContext = Pick<DomainContext, 'instanceId' | 'hub' | 'runs' | 'logger'> & {
  db: { broadcasts: Pick<BroadcastsRepository, 'launch'> };
};

export interface LaunchedAnswer {
  paneId: string;
  messageId: string;
  providerId: string;
  modelId: string;
}

function messageView(
  fields: Pick<
    MessageView,
    | 'id'
    | 'paneId'
    | 'broadcastId'
    | 'role'
    | 'content'
    | 'status'
    | 'createdAt'
    | 'source'
    | 'fuse'
  >,
): MessageView {
  return {
    ...fields,
    error: null,
    finishReason: null,
    endReason: null,
    metrics: null,
    updatedAt: fields.createdAt,
  };
}

/**
 * Starts one answer per target, then saves the session, panes, broadcast and messages in one
 * transaction while the providers are already being asked: the first token is what users wait
 * for, and it no longer waits behind the writes. Each run writes its own text only after that
 * transaction commits; if it fails, the runs are stopped and the caller gets the error.
 * Call inside `ctx.locks.run(sessionId)`: the plan assumes nobody else writes the session meanwhile.
 */
export async function launchAnswers(
  ctx: LaunchContext,
  launch: Launch,
): Promise<{ broadcastId: string; answers: LaunchedAnswer[]; lastEventId: string }> {
  const now = new Date();
  const createdAt = now.toISOString();
  const broadcastId = newId();
  const sessionId = launch.session.id;
  const rows: BroadcastLaunch['messages'] = [];
  const planned = launch.targets.map((target) => {
    const { pane } = target;
    const userMessage =
      target.prompt === null
        ? null
        : messageView({
            id: newId(),
            paneId: pane.id,
            broadcastId,
            role: 'user',
            content: target.prompt,
            status: 'complete',
            createdAt,
            ...target.userExtras,
          });
    const messageId = newId();
    if (userMessage)
      rows.push({
        id: userMessage.id,
        paneId: pane.id,
        broadcastId,
        role: 'user',
        content: userMessage.content,
        status: 'complete',
        createdAt: now,
        ...target.userExtras,
      });
    rows.push({
      id: messageId,
      paneId: pane.id,
      broadcastId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      ownerId: ctx.instanceId,
      createdAt: now,
    });
    const history = buildChatHistory(
      userMessage ? [...target.thread, userMessage] : target.thread,
      pane.systemPrompt,
    );
    return { target, userMessage, messageId, history };
  });

  let settle!: (saving: Promise<void>) => void;
  const persisted = new Promise<void>((resolve) => (settle = resolve));
  // Everything this launch publishes comes after this id: a subscriber resuming from it replays
  // the launch from its first event, however late it subscribes.
  const lastEventId = await ctx.hub.head(sessionId);
  for (const { target, userMessage, messageId, history } of planned) {
    const { pane } = target;
    ctx.runs.start(
      {
        sessionId,
        broadcastId,
        pane,
        messageId,
        history,
        persisted,
        ...(userMessage ? { userMessage } : {}),
        ...(launch.budget
          ? { budget: launch.budget.guard({ broadcastId, messageId, pane, history }) }
          : {}),
        ...(target.citations ? { citations: target.citations } : {}),
      },
      target.adapter,
    );
  }
  settle(
    providersHaveRequests().then(() =>
      ctx.db.broadcasts.launch({
        session: launch.session,
        panes: launch.targets
          .filter((t) => t.isNew)
          .map(({ pane }) => ({ ...pane, createdAt: new Date(pane.createdAt) })),
        broadcast: {
          id: broadcastId,
          prompt: launch.broadcast.prompt,
          kind: launch.broadcast.kind,
          createdAt: now,
          budgetUsd: launch.broadcast.budgetUsd ?? null,
        },
        messages: rows,
      }),
    ),
  );
  try {
    await persisted;
  } catch (error) {
    for (const { target } of planned) ctx.runs.stop(target.pane.id);
    ctx.logger.error(
      { err: error, sessionId, broadcastId },
      'could not save a launch; its answers were stopped',
    );
    throw new DomainError(
      'INTERNAL_SERVER_ERROR',
      `Could not save the ${launch.broadcast.kind.replace('_', '-')}, so its answers were stopped.`,
      'Nothing saved before was lost. Check that the database is reachable and writable (the server log has the cause), then send again.',
    );
  }
  return {
    broadcastId,
    lastEventId,
    answers: planned.map(({ target, messageId }) => ({
      paneId: target.pane.id,
      messageId,
      providerId: target.pane.providerId,
      modelId: target.pane.modelId,
    })),
  };
}

const SAVE_WAITS_FOR_PROVIDERS_MS = 20;

/**
 * Resolves once the providers have a launch's requests (written to their sockets), or after a
 * bound. Saving the launch costs milliseconds of CPU on this thread (SQLite), and done at once it
 * would hold back the requests still being written; done now it runs while the models think,
 * which takes them far longer than that. The requests are made in the microtasks after the runs
 * start, so one macrotask later they are all under way.
 */
async function providersHaveRequests(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await requestsSent(SAVE_WAITS_FOR_PROVIDERS_MS);
}

/** The position a session's next new pane takes. */
export const nextPosition = (panes: Pick<PaneView, 'position'>[]): number =>
  Math.max(-1, ...panes.map((p) => p.position)) + 1;

/** A pane that exists only in memory until its launch is saved. */
export function plannedPane(fields: Omit<PaneView, 'id' | 'simulated' | 'createdAt'>): PaneView {
  return {
    ...fields,
    id: newId(),
    simulated: fields.providerId === 'demo',
    createdAt: new Date().toISOString(),
  };
}
