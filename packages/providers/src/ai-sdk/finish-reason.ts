import type { EndReason } from '@mlb/contracts';
import type { FinishReason } from 'ai';

/** The AI SDK's unified finish reason as the workspace's end reason. */
export function toEndReason(reason: FinishReason): EndReason {
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
