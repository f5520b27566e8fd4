import type { AnswerMetrics } from '@mlb/contracts';

import { formatCost, formatMs, formatRate, formatTokens } from '../format';

export function Meter({ metrics }: { metrics: AnswerMetrics | null }) {
  return (
    <dl className="meter" data-testid="pane-meter" aria-label="Answer metrics">
      <div>
        <dt>in</dt>
        <dd>{formatTokens(metrics?.inputTokens)}</dd>
      </div>
      <div>
        <dt>out</dt>
        <dd>{formatTokens(metrics?.outputTokens)}</dd>
      </div>
      <div>
        <dt>cost</dt>
        <dd>{formatCost(metrics?.cost)}</dd>
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
    </dl>
  );
}
