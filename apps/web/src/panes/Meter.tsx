import type { AnswerMetrics, StreamProgress } from '@mlb/contracts';

import { exactCost, formatCost, formatMs, formatRate, formatTokens } from '../format';

const ESTIMATED =
  'Estimated: the provider reported no usage for this answer (it was stopped or cut off), so tokens were counted from its text and the cost from those counts.';

/**
 * An answer's figures: while it streams, tokens so far (counted from the text), elapsed time and
 * speed; once it has ended, what the provider reported, or an estimate marked with "~".
 */
export function Meter({
  metrics,
  progress,
}: {
  metrics: AnswerMetrics | null;
  progress: StreamProgress | null;
}) {
  if (!metrics && progress) {
    return (
      <dl className="meter live" data-testid="pane-meter" aria-label="Answer so far">
        <div title="Output tokens so far, counted from the text">
          <dt>out</dt>
          <dd data-testid="meter-live-tokens">~{formatTokens(progress.outputTokens)}</dd>
        </div>
        <div>
          <dt>elapsed</dt>
          <dd>{formatMs(progress.elapsedMs)}</dd>
        </div>
        <div>
          <dt>speed</dt>
          <dd>{formatRate(progress.tokensPerSecond)}</dd>
        </div>
      </dl>
    );
  }
  const mark = metrics?.estimated ? '~' : '';
  return (
    <dl
      className="meter"
      data-testid="pane-meter"
      data-estimated={metrics?.estimated ? 'true' : undefined}
      aria-label="Answer metrics"
      title={metrics?.estimated ? ESTIMATED : undefined}
    >
      <div>
        <dt>in</dt>
        <dd>
          {metrics ? mark : ''}
          {formatTokens(metrics?.inputTokens)}
        </dd>
      </div>
      <div>
        <dt>out</dt>
        <dd>
          {metrics ? mark : ''}
          {formatTokens(metrics?.outputTokens)}
        </dd>
      </div>
      <div>
        <dt>cost</dt>
        <dd title={exactCost(metrics?.cost)}>
          {metrics?.cost != null ? mark : ''}
          {formatCost(metrics?.cost)}
        </dd>
      </div>
      <div>
        <dt>TTFT</dt>
        <dd>{formatMs(metrics?.ttftMs)}</dd>
      </div>
      <div>
        <dt>speed</dt>
        <dd>{formatRate(metrics?.tokensPerSecond)}</dd>
      </div>
      <div>
        <dt>latency</dt>
        <dd>{formatMs(metrics?.latencyMs)}</dd>
      </div>
      {metrics && metrics.retries > 0 ? (
        <div>
          <dt>retries</dt>
          <dd>{metrics.retries}</dd>
        </div>
      ) : null}
      {metrics?.estimated ? <span className="estimated-note">estimated</span> : null}
    </dl>
  );
}
