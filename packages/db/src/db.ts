import type {
  AnswerMetrics,
  Citation,
  EndReason,
  FuseRequest,
  MessageSource,
  MessageStatus,
  MessageView,
  MetricsTotals,
  ModelParams,
  PaneErrorInfo,
  PaneView,
  SessionDetail,
  SessionSummary,
  VoteKind,
  VoteView,
} from '@mlb/contracts';

export type Provider = 'sqlite' | 'postgresql';

/** The slice of a pino-style logger the data layer writes to. */
export interface DbLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface SessionsPage {
  items: SessionSummary[];
  nextCursor: string | null;
}

export interface NewPane {
  sessionId: string;
  providerId: string;
  modelId: string;
  kind: 'chat' | 'summary';
  params: ModelParams;
  systemPrompt: string | null;
}

/** summarize: a fusion made before templates (and summarize.create); prompt: one pane asked alone. */
export type BroadcastKind = 'broadcast' | 'send_to' | 'summarize' | 'retry' | 'fuse' | 'prompt';

export interface BroadcastRecord {
  id: string;
  sessionId: string;
  createdAt: string;
}

/** A broadcast as a session's history lists it. */
export interface BroadcastInfo {
  id: string;
  prompt: string;
  kind: BroadcastKind;
  budgetUsd: number | null;
  createdAt: string;
}

export interface NewMessage {
  paneId: string;
  broadcastId: string | null;
  role: MessageView['role'];
  content: string;
  status: MessageStatus;
  /** For a "streaming" answer: the Instance streaming it. */
  ownerId?: string | null;
  /** Sent from another pane (send-to). */
  source?: MessageSource | null;
  /** A fusion's prompt, compactly. */
  fuse?: FuseRequest | null;
}

export interface FinishedAnswer {
  content: string;
  status: Exclude<MessageStatus, 'streaming'>;
  endReason: EndReason;
  /** The provider's own finish reason, when it sent one. */
  finishReason: string | null;
  error: PaneErrorInfo | null;
  metrics: (AnswerMetrics & { providerId: string; modelId: string }) | null;
  /** A fused answer's citations. */
  citations?: Citation[] | null;
}

export interface ProviderUsage {
  providerId: string;
  answers: number;
  /** Assistant messages that ended with status "error", whether or not they have metrics. */
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  latencyMsAvg: number | null;
  ttftMsAvg: number | null;
}

export interface SessionThreads {
  title: string;
  budgetUsd: number | null;
  panes: { pane: PaneView; messages: MessageView[] }[];
}

/** Each pane of a session by position, with its latest answer (metrics included), if any. */
export type SessionLatestAnswers = { paneId: string; latest: MessageView | null }[];

export interface SessionsRepository {
  create(input: { title: string }): Promise<SessionSummary>;
  /** Panes by position, each with its messages by seq, metrics, totals and state; plus session totals. */
  get(id: string): Promise<SessionDetail | null>;
  /**
   * What a new answer needs and no more: the title and each pane with its thread (messages
   * without metrics, no totals). Cheaper than `get` on the path to a first token.
   */
  threads(id: string): Promise<SessionThreads | null>;
  /** What a subscriber's snapshot reads: each pane's latest answer, in one statement; null: no session. */
  latestAnswers(id: string): Promise<SessionLatestAnswers | null>;
  /** Whether the session exists, without reading it. */
  exists(id: string): Promise<boolean>;
  /** Newest `updatedAt` first; `search` matches title or any message content, case-insensitively. */
  list(input: { cursor?: string | null; limit: number; search?: string }): Promise<SessionsPage>;
  rename(id: string, title: string): Promise<SessionSummary | null>;
  /** Removes the session with its panes, broadcasts, messages and metrics. */
  delete(id: string): Promise<boolean>;
  touch(id: string): Promise<void>;
  count(): Promise<number>;
  /** False when the session does not exist. */
  setBudget(id: string, budgetUsd: number | null): Promise<boolean>;
  /** Writes a copied session (import, fork) in one transaction, with the ids the caller gave. */
  insertCopy(copy: SessionCopy): Promise<SessionSummary>;
}

/**
 * A whole session to write as it is: every id is new and given by the caller, which has mapped
 * every reference (messages to panes and broadcasts, votes, sources and citations) to them.
 */
export interface SessionCopy {
  /** Marks every message as copied now: their answers count in no budget and no provider statistics. */
  copiedAt: Date;
  session: { id: string; title: string; createdAt: Date; budgetUsd: number | null };
  panes: (NewPane & { id: string; position: number; createdAt: Date })[];
  broadcasts: {
    id: string;
    prompt: string;
    kind: BroadcastKind;
    budgetUsd: number | null;
    createdAt: Date;
  }[];
  /** In thread order within each pane. */
  messages: {
    id: string;
    paneId: string;
    broadcastId: string | null;
    role: MessageView['role'];
    content: string;
    status: Exclude<MessageStatus, 'streaming'>;
    endReason: EndReason | null;
    finishReason: string | null;
    error: PaneErrorInfo | null;
    metrics: (AnswerMetrics & { providerId: string; modelId: string }) | null;
    source: MessageSource | null;
    citations: Citation[] | null;
    fuse: FuseRequest | null;
    createdAt: Date;
  }[];
  votes: {
    id: string;
    broadcastId: string;
    kind: VoteKind;
    createdAt: Date;
    entries: { paneId: string; providerId: string; modelId: string; rank: number }[];
  }[];
}

export interface PanesRepository {
  /** Takes the next free position in the session, also when several panes are created at once. */
  create(input: NewPane): Promise<PaneView>;
  get(id: string): Promise<PaneView | null>;
  listBySession(sessionId: string): Promise<PaneView[]>;
}

export interface BroadcastsRepository {
  create(input: {
    sessionId: string;
    prompt: string;
    kind: BroadcastKind;
  }): Promise<BroadcastRecord>;
  /**
   * Everything one launch writes, in one transaction: the session (created, or its updatedAt
   * bumped; a deleted session fails the launch), new panes, the broadcast and its messages. Ids
   * come from the caller so answers can start streaming while this is written.
   */
  launch(input: BroadcastLaunch): Promise<void>;
  /** The session's broadcasts, oldest first. */
  listBySession(sessionId: string): Promise<BroadcastInfo[]>;
}

export interface BroadcastLaunch {
  session: { id: string; title: string; isNew: boolean };
  /** Positions are the caller's; a taken one fails the launch (unique constraint). */
  panes: (NewPane & { id: string; position: number; createdAt: Date })[];
  broadcast: {
    id: string;
    prompt: string;
    kind: BroadcastKind;
    createdAt: Date;
    /** USD the broadcast's answers may cost together. */
    budgetUsd?: number | null;
  };
  /** In thread order; each takes its pane's next seq. */
  messages: (NewMessage & { id: string; createdAt: Date })[];
}

export interface MessagesRepository {
  /** Takes the next seq in the pane, also when several messages are appended at once. */
  append(input: NewMessage): Promise<MessageView>;
  get(id: string): Promise<MessageView | null>;
  thread(paneId: string): Promise<MessageView[]>;
  /** The latest assistant message with non-empty content. */
  latestAssistant(paneId: string): Promise<MessageView | null>;
  /**
   * Partial saves of many streaming answers in one statement; a message that has finished (or
   * no longer exists) is left as it is.
   */
  updateContents(updates: { id: string; content: string }[]): Promise<void>;
  /** Answers still streaming (in a pane, or in a session), with the process streaming each. */
  streaming(where: { paneId: string } | { sessionId: string }): Promise<StreamingAnswer[]>;
  /** Final content, status, error and metrics in one transaction; bumps the session's updatedAt. */
  finish(id: string, input: FinishedAnswer): Promise<void>;
}

export interface StreamingAnswer {
  messageId: string;
  paneId: string;
  /** The Instance streaming it; null for rows written before owners were recorded. */
  ownerId: string | null;
}

/** A server process using this database, as its heartbeat row records it. */
export interface InstanceRecord {
  id: string;
  pid: number | null;
  hostname: string | null;
  startedAt: string;
  heartbeatAt: string;
}

/** An answer ended because the process streaming it is gone. */
export interface InterruptedAnswer {
  messageId: string;
  paneId: string;
  sessionId: string;
  content: string;
}

export interface InstancesRepository {
  /** Registers this process, or records that it is still alive. */
  heartbeat(instance: { id: string; pid: number | null; hostname: string | null }): Promise<void>;
  /** Processes whose heartbeat is not older than `aliveSince`. */
  alive(aliveSince: Date): Promise<InstanceRecord[]>;
  /**
   * Ends the answers left "streaming" by processes that are gone: owned by nobody (written before
   * owners were recorded), or by an instance with no heartbeat since `aliveSince`. They become
   * "interrupted" with their text kept; `self`'s answers are never touched. `dead` names
   * instances known to be gone although their last heartbeat is recent (their pid no longer
   * runs). Forgets the dead instances' rows. Returns the answers it ended.
   */
  reap(input: { self: string; aliveSince: Date; dead?: string[] }): Promise<InterruptedAnswer[]>;
  /** Forgets this process (clean shutdown). */
  remove(id: string): Promise<void>;
}

export interface MetricsRepository {
  sessionTotals(sessionId: string): Promise<MetricsTotals>;
  /** Answers copied by an import or fork are left out: their money was spent elsewhere. */
  byProvider(): Promise<ProviderUsage[]>;
  /**
   * USD spent by saved answers (unknown prices count as 0; copied answers not at all), of one
   * session and/or since a moment.
   */
  spent(where: { sessionId?: string; since?: Date }): Promise<number>;
}

export interface NewVote {
  sessionId: string;
  broadcastId: string;
  kind: VoteKind;
  /** Each pane's place, 1 = best; the pane's model is recorded with it. */
  entries: { paneId: string; rank: number }[];
}

export interface VotesRepository {
  /** Saves the vote on its broadcast, replacing any earlier one, in one transaction. */
  cast(vote: NewVote): Promise<VoteView>;
  forBroadcast(broadcastId: string): Promise<VoteView | null>;
  listBySession(sessionId: string): Promise<VoteView[]>;
  /** Every vote of every session, oldest first: what the leaderboard is computed from. */
  all(): Promise<VoteView[]>;
}

/** Workspace-wide settings, as JSON text per key. */
export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  /** null removes the setting. */
  set(key: string, value: string | null): Promise<void>;
}

/** Writes this process has sent to the database: the figure behind "DB writes per answer". */
export interface WriteStats {
  /** Write calls issued since the database was opened. */
  issued: number;
  /** Write calls sent and not yet answered (a database that stalls shows here first). */
  inFlight: number;
}

export interface Repositories {
  instances: InstancesRepository;
  sessions: SessionsRepository;
  panes: PanesRepository;
  broadcasts: BroadcastsRepository;
  messages: MessagesRepository;
  metrics: MetricsRepository;
  votes: VotesRepository;
  settings: SettingsRepository;
}

/** The data layer as the domain sees it: one database, one Prisma client. */
export interface Db extends Repositories {
  provider: Provider;
  /** Write calls issued since the database was opened, and those still waiting for an answer. */
  writeStats(): WriteStats;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
