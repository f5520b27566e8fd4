import type {
  AnswerMetrics,
  EndReason,
  ErrorKind,
  MessageStatus,
  MessageView,
  ModelParams,
  PaneErrorInfo,
  PaneState,
  PaneView,
} from '@mlb/contracts';

import type {
  Message as MessageRow,
  AnswerMetrics as MetricsRow,
  Pane as PaneRow,
} from '../generated/sqlite/client';
import { parseCitations, parseFuseRequest } from './json-columns';

const ROLES: ReadonlySet<string> = new Set<MessageView['role']>([
  'user',
  'assistant',
  'system',
  'context',
]);
const STATUSES: ReadonlySet<string> = new Set<MessageStatus>([
  'streaming',
  'complete',
  'stopped',
  'error',
  'interrupted',
]);
// A record rather than the contracts' zod enum: keeps zod out of this package, and `satisfies`
// still fails the build when a kind is added there. `retryable` has no column; this is the
// providers' rule (ProviderError).
const ERROR_KINDS = {
  authentication: false,
  rate_limit: true,
  timeout: true,
  upstream_unavailable: true,
  bad_request: false,
  content_filtered: false,
  network: true,
  not_configured: false,
  unknown: false,
} satisfies Record<ErrorKind, boolean>;

const isErrorKind = (value: string): value is ErrorKind => Object.hasOwn(ERROR_KINDS, value);

/** Params are JSON text written by this package, but a hand-edited row must not break a session. */
export function parseParams(raw: string): ModelParams {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const params: ModelParams = {};
  const num = (key: string) =>
    typeof record[key] === 'number' && Number.isFinite(record[key]) ? record[key] : undefined;
  const temperature = num('temperature');
  const maxTokens = num('maxTokens');
  const topP = num('topP');
  if (temperature !== undefined) params.temperature = temperature;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (topP !== undefined) params.topP = topP;
  return params;
}

export function toPaneView(row: PaneRow): PaneView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    providerId: row.providerId,
    modelId: row.modelId,
    kind: row.kind === 'summary' ? 'summary' : 'chat',
    params: parseParams(row.params),
    systemPrompt: row.systemPrompt,
    position: row.position,
    simulated: row.providerId === 'demo',
    createdAt: row.createdAt.toISOString(),
  };
}

function toMetrics(row: MetricsRow | null | undefined): AnswerMetrics | null {
  if (!row) return null;
  return {
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    cachedTokens: row.cachedTokens,
    cost: row.cost,
    ttftMs: row.ttftMs,
    latencyMs: row.latencyMs,
    tokensPerSecond: row.tokensPerSecond,
    retries: row.retries,
    estimated: row.estimated,
  };
}

function toError(row: MessageRow): PaneErrorInfo | null {
  if (!row.errorKind) return null;
  const kind: ErrorKind = isErrorKind(row.errorKind) ? row.errorKind : 'unknown';
  return {
    kind,
    message: row.errorMessage ?? '',
    suggestion: row.errorSuggestion ?? '',
    retryable: ERROR_KINDS[kind],
    ...(row.errorStatus !== null ? { status: row.errorStatus } : {}),
  };
}

export function toMessageView(row: MessageRow & { metrics?: MetricsRow | null }): MessageView {
  return {
    id: row.id,
    paneId: row.paneId,
    broadcastId: row.broadcastId,
    role: ROLES.has(row.role) ? (row.role as MessageView['role']) : 'context',
    content: row.content,
    status: STATUSES.has(row.status) ? (row.status as MessageStatus) : 'error',
    error: toError(row),
    finishReason: row.finishReason,
    endReason: toEndReason(row.endReason),
    metrics: toMetrics(row.metrics),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...extrasOf(row),
  };
}

/** The optional parts of a message view: present only on the messages that have them. */
function extrasOf(row: MessageRow): Pick<MessageView, 'source' | 'citations' | 'fuse'> {
  const extras: Pick<MessageView, 'source' | 'citations' | 'fuse'> = {};
  if (row.sourcePaneId !== null)
    extras.source = { paneId: row.sourcePaneId, messageId: row.sourceMessageId };
  const citations = parseCitations(row.citations);
  if (citations) extras.citations = citations;
  const fuse = parseFuseRequest(row.fuseRequest);
  if (fuse) extras.fuse = fuse;
  return extras;
}

// A record, so that a reason added to EndReason and not here fails the build.
const END_REASONS = {
  done: true,
  length: true,
  content_filter: true,
  stopped: true,
  error: true,
  timeout: true,
  interrupted: true,
  budget: true,
} satisfies Record<EndReason, true>;

const toEndReason = (value: string | null): EndReason | null =>
  value !== null && Object.hasOwn(END_REASONS, value) ? (value as EndReason) : null;

/** A pane's state is its latest answer's status ("idle" before the first); `messages` is in seq order. */
export function paneState(messages: readonly MessageView[]): PaneState {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.role === 'assistant') return message.status;
  }
  return 'idle';
}
