import type { AnswerMetrics, ErrorKind, MessageStatus, MessageView, ModelParams, PaneState, PaneView } from '@mlb/contracts';
import type { AnswerMetrics as MetricsRow, Message as MessageRow, Pane as PaneRow } from './generated/sqlite/client';

function parseParams(raw: string): ModelParams {
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const params: ModelParams = {};
    if (typeof value.temperature === 'number') params.temperature = value.temperature;
    if (typeof value.maxTokens === 'number') params.maxTokens = value.maxTokens;
    if (typeof value.topP === 'number') params.topP = value.topP;
    return params;
  } catch {
    return {};
  }
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

export function toMetrics(row: MetricsRow | null | undefined): AnswerMetrics | null {
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
  };
}

export function toMessageView(row: MessageRow & { metrics?: MetricsRow | null }): MessageView {
  return {
    id: row.id,
    paneId: row.paneId,
    broadcastId: row.broadcastId,
    role: row.role as MessageView['role'],
    content: row.content,
    status: row.status as MessageStatus,
    error: row.errorKind
      ? {
          kind: row.errorKind as ErrorKind,
          message: row.errorMessage ?? '',
          suggestion: row.errorSuggestion ?? '',
          retryable: row.errorKind === 'rate_limit' || row.errorKind === 'upstream_unavailable' || row.errorKind === 'network' || row.errorKind === 'timeout',
          ...(row.errorStatus !== null ? { status: row.errorStatus } : {}),
        }
      : null,
    finishReason: row.finishReason,
    metrics: toMetrics(row.metrics),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A pane's state is its latest answer's status ("idle" before the first). */
export function paneState(messages: MessageView[]): PaneState {
  const latest = [...messages].reverse().find((m) => m.role === 'assistant');
  return latest ? latest.status : 'idle';
}
