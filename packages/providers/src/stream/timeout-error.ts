import { ProviderError } from '../errors/provider-error';
import type { ProviderAdapter } from '../types';

export type TimeoutPhase = 'first-token' | 'idle' | 'total';

/** A timeout as a ProviderError whose suggestion names the variable to raise. */
export function timeoutError(
  adapter: Pick<ProviderAdapter, 'id' | 'label'>,
  phase: TimeoutPhase,
  ms: number,
): ProviderError {
  const { id, label } = adapter;
  switch (phase) {
    case 'first-token':
      return new ProviderError(
        id,
        'timeout',
        `${label} sent no first token within ${ms} ms.`,
        'Retry, or raise STREAM_FIRST_TOKEN_TIMEOUT_MS if this model is slow to start.',
      );
    case 'idle':
      return new ProviderError(
        id,
        'timeout',
        `${label} went silent for ${ms} ms in the middle of the answer.`,
        'Retry, or raise STREAM_IDLE_TIMEOUT_MS if this model pauses while it thinks.',
      );
    case 'total':
      return new ProviderError(
        id,
        'timeout',
        `${label} took longer than ${ms} ms for the whole answer.`,
        'Raise STREAM_TOTAL_TIMEOUT_MS for long answers, or lower max tokens.',
      );
  }
}
