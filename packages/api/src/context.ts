import type {
  BroadcastCreateInput,
  BroadcastResult,
  CompareView,
  Forecast,
  ForecastInput,
  FuseCreateInput,
  FuseTemplateView,
  HealthReport,
  Leaderboard,
  LoggedPaneEvent,
  MonthlyBudgetInput,
  MonthlyBudgetView,
  PanePromptInput,
  ProviderModels,
  ProviderStatus,
  RunResult,
  RuntimeStats,
  SendToInput,
  SendToResult,
  SessionBudgetInput,
  SessionBudgetView,
  SessionDetail,
  SessionExportFile,
  SessionExportInput,
  SessionForkInput,
  SessionForkResult,
  SessionImportInput,
  SessionsPage,
  SessionSummary,
  SummarizeCreateInput,
  VoteCastInput,
  VoteView,
  WorkspaceStats,
} from '@mlb/contracts';

/**
 * What the procedures ask of the domain, in contract types only. `AppRouter` carries its context
 * type, so naming the domain's `Workspace` here would make every consumer of `AppRouter` (the
 * published `@mlb/client` declarations) reach into `@mlb/domain`, `@mlb/db` and Prisma's types.
 * The domain's `Workspace` satisfies this structurally; `context.test-d.ts` keeps both in step.
 */
export interface WorkspacePort {
  broadcast(input: BroadcastCreateInput): Promise<BroadcastResult>;
  sendTo(input: SendToInput & { mode: 'context' | 'prompt' }): Promise<SendToResult>;
  stop(paneId: string): Promise<{ stopped: boolean }>;
  retry(paneId: string): Promise<RunResult>;
  summarize(input: SummarizeCreateInput): Promise<RunResult>;
  promptPane(input: PanePromptInput): Promise<RunResult>;
  compare(sessionId: string): Promise<CompareView>;
  fuse: {
    create(input: FuseCreateInput): Promise<RunResult>;
    templates(): Promise<FuseTemplateView[]>;
  };
  votes: {
    cast(input: VoteCastInput): Promise<VoteView>;
    forBroadcast(broadcastId: string): Promise<VoteView | null>;
  };
  leaderboard(): Promise<Leaderboard>;
  forecast(input: ForecastInput): Promise<Forecast>;
  budgets: {
    get(): Promise<MonthlyBudgetView>;
    setMonthly(input: MonthlyBudgetInput): Promise<MonthlyBudgetView>;
  };
  sessions: {
    list(input: {
      cursor?: string | null;
      limit: number;
      search?: string | undefined;
    }): Promise<SessionsPage>;
    get(sessionId: string): Promise<SessionDetail>;
    rename(sessionId: string, title: string): Promise<SessionSummary>;
    delete(sessionId: string): Promise<{ deleted: true }>;
    setBudget(input: SessionBudgetInput): Promise<SessionBudgetView>;
    fork(input: SessionForkInput): Promise<SessionForkResult>;
    export(input: SessionExportInput): Promise<SessionExportFile>;
    import(input: SessionImportInput): Promise<SessionSummary>;
    /** Tracked pane events from `lastEventId` on (a status snapshot first without one). */
    events(
      sessionId: string,
      lastEventId: string | null | undefined,
      signal: AbortSignal,
    ): AsyncIterable<LoggedPaneEvent>;
    /** The same events in the batches the event log hands them over in (never empty). */
    eventBatches(
      sessionId: string,
      lastEventId: string | null | undefined,
      signal: AbortSignal,
    ): AsyncIterable<LoggedPaneEvent[]>;
  };
  health(): Promise<HealthReport>;
  models(refresh: boolean): Promise<ProviderModels[]>;
  providersHealth(): Promise<ProviderStatus[]>;
  stats(): Promise<WorkspaceStats>;
}

/** Thin per-connection context: the process's workspace, what it measures of itself, a request id for logs. */
export interface ApiContext {
  workspace: WorkspacePort;
  /** Open sockets, memory and event-loop delay, as the server process measures them. */
  runtime: () => RuntimeStats;
  requestId: string;
}
