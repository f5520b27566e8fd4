export { createClient, type BroadcastClient } from './create-client';
export {
  createLinks,
  reconnectDelayMs,
  toWebSocketUrl,
  type ConnectionState,
  type LinkOptions,
  type Links,
} from './links';
export type { AppRouter, RouterInputs, RouterOutputs } from '@mlb/api';
export type * from '@mlb/contracts';
