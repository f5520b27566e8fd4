import type { EndReason } from '@mlb/contracts';

/** The AI SDK's unified finish reason as the workspace's end reason. */
export function toEndReason(reason: string): EndReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'error':
      return 'error';
    default:
      return 'done';
  }
}
