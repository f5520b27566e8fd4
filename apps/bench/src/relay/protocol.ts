import type { RawData } from 'ws';

/**
 * The relay's whole wire: a client opens a WebSocket, sends one start message per broadcast, and
 * receives plain JSON events, one per WebSocket message, tagged with the pane's index.
 */
export interface RelayStart {
  prompt: string;
  panes: number;
}

export type RelayEvent =
  { pane: number; token: string } | { pane: number; done: true } | { pane: number; error: string };

/** Reads a start message; anything else is refused with what was expected. */
export function parseRelayStart(raw: string): RelayStart {
  const value: unknown = JSON.parse(raw);
  if (
    typeof value === 'object' &&
    value !== null &&
    'prompt' in value &&
    typeof value.prompt === 'string' &&
    'panes' in value &&
    Number.isInteger(value.panes) &&
    (value.panes as number) > 0 &&
    (value.panes as number) <= 64
  )
    return { prompt: value.prompt, panes: value.panes as number };
  throw new Error('expected {"prompt": string, "panes": 1..64}');
}

/** A WebSocket message's text (`ws` hands text frames over as one Buffer by default). */
export function messageText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
