import type { PaneEvent } from '@mlb/contracts';

import type { LoggedEvent } from './event-log';

/**
 * Appends a batch of events to their sessions' streams and tells the sessions' followers, in one
 * script: Redis runs it whole, so the ids it gives and the messages it publishes are in the same
 * order for every instance, and a follower that reads a stream after subscribing to its channel
 * misses nothing (what it read came before, what it did not read is published after).
 *
 * KEYS: the sessions' streams (each stream's channel has the stream's name).
 * ARGV: MAXLEN, TTL in ms, then per key: its number of events followed by their JSON.
 * Each channel gets one message per batch: `[[id, event], …]` as JSON, built from the JSON the
 * caller gave (so the script never decodes an event).
 */
export const APPEND_SCRIPT = `
local maxlen, ttl = ARGV[1], ARGV[2]
local a = 3
for k = 1, #KEYS do
  local key = KEYS[k]
  local n = tonumber(ARGV[a])
  a = a + 1
  local parts = {}
  for i = 1, n do
    local json = ARGV[a]
    a = a + 1
    local id = redis.call('XADD', key, 'MAXLEN', '~', maxlen, '*', 'e', json)
    parts[i] = '["' .. id .. '",' .. json .. ']'
  end
  redis.call('PEXPIRE', key, ttl)
  redis.call('PUBLISH', key, '[' .. table.concat(parts, ',') .. ']')
end
return #KEYS
`;

/**
 * The most events one script call appends: a script blocks Redis while it runs (about 3 µs per
 * event here), so a very large batch goes as several calls, in order.
 */
export const MAX_APPEND = 500;

/** Events waiting to be appended, by stream key, in publishing order. */
export class PendingAppends {
  private byKey = new Map<string, string[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(key: string, json: string): void {
    const list = this.byKey.get(key);
    if (list) list.push(json);
    else this.byKey.set(key, [json]);
    this.count += 1;
  }

  /** EVAL's arguments after the script for everything pending, emptying it. */
  take(maxLen: number, ttlMs: number): string[] {
    const keys = [...this.byKey.keys()];
    const args = [String(keys.length), ...keys, String(maxLen), String(ttlMs)];
    for (const list of this.byKey.values()) args.push(String(list.length), ...list);
    this.byKey = new Map();
    this.count = 0;
    return args;
  }
}

/** The channel message that says the session was deleted (live messages are JSON arrays). */
export const DELETED_MESSAGE = 'deleted';

/** A channel message of APPEND_SCRIPT: the batch's events of one session, oldest first. */
export function parseLive(message: string): LoggedEvent[] {
  const entries = JSON.parse(message) as [string, PaneEvent][];
  return entries.map(([id, event]) => ({ id, event }));
}
