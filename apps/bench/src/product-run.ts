import type { ModelSelection, PaneEvent } from '@mlb/contracts';
import type { BroadcastClient } from '@mlb/client/node';

export interface ProductRun {
  /** Per answer: ms from the broadcast call to its first token event / its final event. */
  ttft: number[];
  ttlt: number[];
  /** Each answer's text as this client received it. */
  texts: string[];
  events: number;
  duplicates: number;
}

/**
 * Subscribes to a session, broadcasts once it is listening, and times every answer of that
 * broadcast through the whole product: server, provider adapter, event hub, WebSocket, client.
 */
export async function productRun(client: BroadcastClient, sessionId: string, prompt: string, models: ModelSelection[], timeoutMs = 120_000): Promise<ProductRun> {
  const texts = new Map<string, string>();
  const firsts = new Map<string, number>();
  const lasts = new Map<string, number>();
  const seen = new Set<string>();
  let events = 0;
  let duplicates = 0;
  let ours: Set<string> | null = null;
  let started = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a broadcast did not finish within ${timeoutMs} ms`)), timeoutMs);
    let sent = false;
    const finishIfDone = () => {
      if (ours && [...ours].every((m) => lasts.has(m))) {
        clearTimeout(timer);
        sub.unsubscribe();
        resolve();
      }
    };
    const sub = client.sessions.events.subscribe(
      { sessionId },
      {
        onStarted: () => {
          if (sent) return;
          sent = true;
          started = performance.now();
          client.broadcast.create.mutate({ sessionId, prompt, models }).then((r) => {
            ours = new Set(r.panes.map((p) => p.messageId));
            finishIfDone();
          }, reject);
        },
        onData: ({ id, data }: { id: string; data: PaneEvent }) => {
          if (seen.has(id)) {
            duplicates += 1;
            return;
          }
          seen.add(id);
          events += 1;
          // A snapshot (sent when a subscription attaches mid-answer) carries the text so far.
          if (data.type === 'status' && data.data.content !== undefined) texts.set(data.messageId, data.data.content);
          if (data.type === 'token') {
            if (!firsts.has(data.messageId)) firsts.set(data.messageId, performance.now() - started);
            texts.set(data.messageId, (texts.get(data.messageId) ?? '') + data.data.token);
          } else if (data.type === 'final') {
            lasts.set(data.messageId, performance.now() - started);
            finishIfDone();
          }
        },
        onError: reject,
      },
    );
  });
  const ids = [...(ours ?? [])];
  return {
    ttft: ids.map((id) => firsts.get(id) ?? Number.NaN),
    ttlt: ids.map((id) => lasts.get(id) ?? Number.NaN),
    texts: ids.map((id) => texts.get(id) ?? ''),
    events,
    duplicates,
  };
}

/** A session to broadcast into, created with one instant demo answer. */
export async function newSession(client: BroadcastClient): Promise<string> {
  const seed = await client.broadcast.create.mutate({ prompt: 'seed', models: [{ providerId: 'demo', modelId: 'demo-fast' }] });
  return seed.sessionId;
}
