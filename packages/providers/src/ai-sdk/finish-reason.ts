import type { LanguageModelV3FinishReason } from '@ai-sdk/provider';

import type { EndReason } from '@mlb/contracts';

/** The provider packages' unified finish reason as the workspace's end reason. */
export function toEndReason(reason: LanguageModelV3FinishReason['unified']): EndReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'error':
      return 'error';
    case 'stop':
    case 'tool-calls':
    case 'other':
      return 'done';
  }
}
