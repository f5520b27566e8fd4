import type {
  AnswerMetrics,
  EndReason,
  MessageStatus,
  MessageView,
  MetricsTotals,
  ModelParams,
  PaneErrorInfo,
  PaneView,
  SessionDetail,
  SessionSummary,
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

export type BroadcastKind = 'broadcast' | 'send_to' | 'summarize' | 'retry';

export interface BroadcastRecord {
  id: string;
  sessionId: string;
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
}

export interface FinishedAnswer {
  content: string;
  status: Exclude<MessageStatus, 'streaming'>;
  endReason: EndReason;
  /** The provider's own finish reason, when it sent one. */
  finishReason: string | null;
  error: PaneErrorInfo | null;
  metrics: (AnswerMetrics & { providerId: string; modelId: string }) | null;
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
  panes: { pane: PaneView; messages: MessageView[] }[];
}

export interface SessionsRepository {
  create(input: { title: string }): Promise<SessionSummary>;
  /** Panes by position, each with its messages by seq, metrics, totals and state; plus session totals. */
  get(id: string): Promise<SessionDetail | null>;
  /**
   * What a new answer needs and no more: the title and each pane with its thread (messages
   * without metrics, no totals). Cheaper than `get` on the path to a first token.
   */
  threads(id: string): Promise<SessionThreads | null>;
  /** Whether the session exists, without reading it. */
  exists(id: string): Promise<boolean>;
  /** Newest `updatedAt` first; `search` matches title or any message content, case-insensitively. */
  list(input: { cursor?: string | null; limit: number; search?: string }): Promise<SessionsPage>;
  rename(id: string, title: string): Promise<SessionSummary | null>;
  /** Removes the session with its panes, broadcasts, messages and metrics. */
  delete(id: string): Promise<boolean>;
  touch(id: string): Promise<void>;
  count(): Promise<number>;
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
}

export interface BroadcastLaunch {
  session: { id: string; title: string; isNew: boolean };
  /** Positions are the caller's; a taken one fails the launch (unique constraint). */
  panes: (NewPane & { id: string; position: number; createdAt: Date })[];
  broadcast: { id: string; prompt: string; kind: BroadcastKind; createdAt: Date };
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
  byProvider(): Promise<ProviderUsage[]>;
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
}

/** The data layer as the domain sees it: one database, one Prisma client. */
export interface Db extends Repositories {
  provider: Provider;
  /** Write calls issued since the database was opened, and those still waiting for an answer. */
  writeStats(): WriteStats;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
