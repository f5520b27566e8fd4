import { z } from 'zod';

import {
  errorKindSchema,
  fuseTemplateSchema,
  modelParamsSchema,
  type AnswerMetrics,
  type BroadcastResult,
  type MessageView,
  type PaneErrorInfo,
  type PaneEvent,
  type ProviderModels,
  type ProviderStatus,
  type RunResult,
  type SendToResult,
  type SessionDetail,
  type SessionsPage,
  type SystemStats,
} from '@mlb/contracts';

/**
 * The answers of the original API, as zod schemas in the contracts' (camelCase) names: the
 * OpenAPI document is generated from them (renamed to snake_case like the JSON itself). The
 * contracts describe these views as TypeScript types; the checks at the end of this file fail
 * the build when a schema here and its type there disagree.
 */

const paneState = z.enum([
  'idle',
  'queued',
  'streaming',
  'complete',
  'stopped',
  'error',
  'interrupted',
]);
const messageStatus = z.enum(['streaming', 'complete', 'stopped', 'error', 'interrupted']);
const endReason = z.enum([
  'done',
  'length',
  'content_filter',
  'stopped',
  'error',
  'timeout',
  'interrupted',
  'budget',
]);
const isoDate = z.string().describe('ISO 8601 date and time');

const paneError = z.object({
  kind: errorKindSchema,
  message: z.string(),
  suggestion: z.string(),
  retryable: z.boolean(),
  status: z.number().int().optional().describe('HTTP status from the upstream, when there was one'),
});

const answerMetrics = z.object({
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedTokens: z.number().int(),
  cost: z.number().nullable().describe('USD; null when no price is known for the model'),
  ttftMs: z.number().nullable().describe('time to first token'),
  latencyMs: z.number(),
  tokensPerSecond: z.number().nullable(),
  retries: z.number().int(),
  estimated: z.boolean().describe('true when the token counts were estimated (no usage reported)'),
});
const meterData = answerMetrics.extend({
  tokensUsed: z.number().int().describe('input + output tokens'),
});

const paneView = z.object({
  id: z.string(),
  sessionId: z.string(),
  providerId: z.string(),
  modelId: z.string(),
  kind: z.enum(['chat', 'summary']),
  params: modelParamsSchema,
  systemPrompt: z.string().nullable(),
  position: z.number().int(),
  simulated: z.boolean(),
  createdAt: isoDate,
});

const citation = z.object({
  paragraph: z.number().int().describe("0-based, counting the answer's non-empty paragraphs"),
  start: z.number().int(),
  end: z.number().int(),
  labels: z.array(z.string()).describe('the source labels it cites, e.g. ["A", "C"]'),
  sources: z.array(z.object({ paneId: z.string(), messageId: z.string() })),
});

const fuseRequest = z.object({
  template: fuseTemplateSchema,
  instruction: z.string(),
  sources: z.array(
    z.object({
      label: z.string(),
      paneId: z.string(),
      messageId: z.string(),
      providerId: z.string(),
      modelId: z.string(),
    }),
  ),
});

const messageView = z.object({
  id: z.string(),
  paneId: z.string(),
  broadcastId: z.string().nullable(),
  role: z.enum(['user', 'assistant', 'system', 'context']),
  content: z.string(),
  status: messageStatus,
  error: paneError.nullable(),
  finishReason: z.string().nullable(),
  endReason: endReason.nullable(),
  metrics: answerMetrics.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  source: z
    .object({ paneId: z.string(), messageId: z.string().nullable() })
    .optional()
    .describe('for a message sent from another pane: that pane and answer'),
  citations: z.array(citation).optional().describe("a fused answer's sources per paragraph"),
  fuse: fuseRequest.optional().describe("a fusion's request, compactly"),
});

const totals = z.object({
  answers: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
});

const sessionSummary = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  paneCount: z.number().int(),
});

export const sessionDetail = sessionSummary.extend({
  panes: z.array(
    paneView.extend({ state: paneState, messages: z.array(messageView), totals: totals }),
  ),
  totals,
  budgetUsd: z.number().nullable().optional().describe("the session's budget in USD, if any"),
});

export const sessionsPage = z.object({
  items: z.array(sessionSummary),
  nextCursor: z
    .string()
    .nullable()
    .describe('pass it as `cursor` for the next page; null on the last page'),
});

const lastEventId = z
  .string()
  .describe('open /ws/{session_id}?last_event_id=<this> to receive every event of this work');

export const broadcastResult = z.object({
  sessionId: z.string(),
  broadcastId: z.string(),
  panes: z.array(
    z.object({
      paneId: z.string(),
      providerId: z.string(),
      modelId: z.string(),
      messageId: z.string(),
    }),
  ),
  lastEventId,
});

export const runResult = z.object({
  sessionId: z.string(),
  broadcastId: z.string(),
  paneId: z.string(),
  messageId: z.string(),
  lastEventId,
});

export const sendToResult = z.object({
  runs: z.array(runResult).describe('the answers started (prompt mode)'),
  contextMessageIds: z.array(z.string()).describe('the context messages added (context mode)'),
  lastEventId,
});

export const deletedResult = z.object({ deleted: z.literal(true) });

export const providerStatus = z.object({
  id: z.string(),
  label: z.string(),
  configured: z.boolean(),
  state: z.enum(['healthy', 'unhealthy', 'not_configured', 'unknown']),
  latencyMs: z.number().nullable(),
  checkedAt: isoDate.nullable(),
  lastError: z.string().nullable(),
  hint: z.string().nullable().describe('for a provider not configured: the variables to set'),
  simulated: z.boolean(),
});

export const providerModels = z.object({
  provider: providerStatus,
  models: z.array(
    z.object({
      providerId: z.string(),
      id: z.string(),
      label: z.string(),
      contextWindow: z.number().int().optional(),
      inputPricePerMTok: z.number().optional(),
      outputPricePerMTok: z.number().optional(),
      simulated: z.boolean(),
    }),
  ),
  error: z.string().nullable(),
});

const providerStats = z.object({
  providerId: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  errorRate: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  latencyMsAvg: z.number().nullable(),
  ttftMsAvg: z.number().nullable(),
});

export const systemStats = z.object({
  instanceId: z.string().describe('this server process'),
  eventLogBackend: z.enum(['memory', 'redis']),
  uptimeSeconds: z.number().int(),
  activeSubscriptions: z.number().int(),
  sessions: z.number().int(),
  runningStreams: z.number().int(),
  queuedStreams: z.number().int(),
  pendingWrites: z.number().int(),
  databaseWrites: z.number().int(),
  answersFinished: z.number().int(),
  unsavedAnswers: z.number().int(),
  unsavedChars: z.number().int(),
  providers: z.array(providerStats),
  totals: z.object({
    requests: z.number().int(),
    errors: z.number().int(),
    errorRate: z.number(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cost: z.number(),
  }),
  activeConnections: z.number().int(),
  memory: z.object({ rssBytes: z.number().int(), heapUsedBytes: z.number().int() }),
  eventLoopLagMs: z.object({ p50: z.number(), p99: z.number() }),
});

/** GET /health: cheap, for load balancers; the providers as their last check found them. */
export const healthReport = z.object({
  status: z
    .enum(['ok', 'degraded', 'unavailable'])
    .describe(
      'unavailable (503) when the database does not answer; degraded when a configured provider is unhealthy',
    ),
  version: z.string(),
  uptimeSeconds: z.number().int(),
  database: z.enum(['ok', 'error']),
  eventLog: z
    .object({
      backend: z.enum(['memory', 'redis']),
      state: z.enum(['ok', 'error']),
      error: z.string().nullable(),
    })
    .describe("where live events go: this process's memory, or Redis shared by every instance"),
  providers: z
    .array(providerStatus)
    .describe('as the last provider check found them (GET /providers/health checks now)'),
  providersCheckedAt: isoDate
    .nullable()
    .describe('when that check ended; null until the first one has'),
});
export type HealthReportBody = z.infer<typeof healthReport>;

const streamProgress = z.object({
  outputTokens: z.number().int(),
  elapsedMs: z.number(),
  tokensPerSecond: z.number().nullable(),
  ttftMs: z.number().nullable().optional(),
  costUsd: z.number().nullable().optional(),
});

const eventBase = {
  id: z
    .string()
    .describe('the event id: reconnect with ?last_event_id=<it> to get exactly what came after'),
  sessionId: z.string(),
  paneId: z.string(),
  messageId: z.string(),
};

/** One message of WS /ws/{session_id}: a pane event with its id. */
export const streamMessage = z.discriminatedUnion('type', [
  z.object({
    ...eventBase,
    type: z.literal('token'),
    data: z.object({ token: z.string(), progress: streamProgress.optional() }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('final'),
    data: z.object({
      content: z.string(),
      reason: endReason,
      providerFinishReason: z.string().nullable(),
      citations: z.array(citation).optional(),
    }),
  }),
  z.object({ ...eventBase, type: z.literal('meter'), data: meterData }),
  z.object({
    ...eventBase,
    type: z.literal('error'),
    data: paneError.extend({ partialContent: z.string() }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('status'),
    data: z.object({
      state: paneState,
      pane: paneView.optional(),
      userMessage: messageView.optional(),
      content: z.string().optional(),
      retry: z
        .object({ attempt: z.number().int(), delayMs: z.number(), reason: z.string() })
        .optional(),
      saved: z.boolean().optional(),
      end: z
        .object({
          reason: endReason,
          providerFinishReason: z.string().nullable(),
          error: paneError.nullable(),
          metrics: meterData.nullable(),
        })
        .optional(),
    }),
  }),
]);

// The checks: each schema describes exactly its contract type (intersections flattened first).
type Flat<T> = T extends (infer Item)[]
  ? Flat<Item>[]
  : T extends object
    ? { [K in keyof T]: Flat<T[K]> }
    : T;
/* eslint-disable @typescript-eslint/no-unnecessary-type-parameters -- the usual exact-equality test */
type Equal<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
/* eslint-enable @typescript-eslint/no-unnecessary-type-parameters */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Expect<T extends true> = T;
export type _ViewSchemasMatchContracts = [
  Expect<Equal<z.infer<typeof paneError>, PaneErrorInfo>>,
  Expect<Equal<z.infer<typeof answerMetrics>, AnswerMetrics>>,
  Expect<Equal<z.infer<typeof messageView>, MessageView>>,
  Expect<Equal<z.infer<typeof sessionDetail>, SessionDetail>>,
  Expect<Equal<z.infer<typeof sessionsPage>, SessionsPage>>,
  Expect<Equal<z.infer<typeof broadcastResult>, BroadcastResult>>,
  Expect<Equal<z.infer<typeof runResult>, RunResult>>,
  Expect<Equal<z.infer<typeof sendToResult>, SendToResult>>,
  Expect<Equal<z.infer<typeof providerStatus>, ProviderStatus>>,
  Expect<Equal<z.infer<typeof providerModels>, ProviderModels>>,
  Expect<Equal<z.infer<typeof systemStats>, SystemStats>>,
  Expect<Equal<WithoutId<z.infer<typeof streamMessage>>, PaneEvent>>,
];
