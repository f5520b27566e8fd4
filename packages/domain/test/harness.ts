import { randomUUID } from 'node:crypto';

import type { PaneView, Usage } from '@mlb/contracts';
import { silentLogger } from '@mlb/logger';
import type { RetryPolicy, Timeouts } from '@mlb/providers';

import { announceSavedLate } from '../src/announcements';
import { MemoryEventLog } from '../src/event-log/memory-event-log';
import type { LaunchContext } from '../src/launch-answers';
import type { PaneRunDeps, PaneRunSpec, RunSettings } from '../src/pane-run';
import { FinalSaves, type FinalSavesOptions } from '../src/persistence/final-saves';
import { StreamingSaver } from '../src/persistence/streaming-saver';
import { RunManager, type RunManagerOptions } from '../src/run-manager';
import { StatsCollector } from '../src/stats-collector';
import { MemoryDb } from './memory-db';

/** Long enough never to fire unless a test means them to. */
const TIMEOUTS: Timeouts = {
  connectMs: 10_000,
  firstTokenMs: 10_000,
  idleMs: 10_000,
  totalMs: 120_000,
};
const RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000 };

/** A made-up price list: $1 per million input tokens, $2 per million output tokens. */
export const price = (usage: Usage): number => (usage.inputTokens + 2 * usage.outputTokens) / 1e6;

export const INSTANCE_ID = 'instance-under-test';

export interface HarnessOptions {
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  settings?: Partial<RunSettings>;
  finalSaves?: Partial<FinalSavesOptions>;
  runs?: Partial<RunManagerOptions>;
}

export interface SeedOptions {
  /** A session seeded before: the pane joins it. */
  sessionId?: string;
  prompt?: string;
  providerId?: string;
}

/** The answer pipeline wired as createWorkspace wires it, over an in-memory database. */
export function createHarness(options: HarnessOptions = {}) {
  const db = new MemoryDb();
  const hub = new MemoryEventLog();
  const stats = new StatsCollector();
  const logger = silentLogger;
  const settings: RunSettings = {
    coalesceWindowMs: 33,
    persistIntervalMs: 1000,
    ...options.settings,
  };
  const saver = new StreamingSaver({ db, logger }, settings.persistIntervalMs);
  const finalSaves = new FinalSaves(
    { db, logger, onSavedLate: (answer) => announceSavedLate(hub, answer) },
    options.finalSaves,
  );
  const deps: PaneRunDeps = {
    hub,
    stats,
    logger,
    settings,
    saver,
    finalSaves,
    registry: {
      timeouts: { ...TIMEOUTS, ...options.timeouts },
      retry: { ...RETRY, ...options.retry },
      price: (_providerId, _modelId, usage) => price(usage),
    },
  };
  const runs = new RunManager(deps, {
    maxConcurrentStreams: 512,
    maxUnsavedChars: 64_000_000,
    ...options.runs,
  });
  const ctx: LaunchContext = { instanceId: INSTANCE_ID, hub, runs, logger, db };
  const panesInSession = new Map<string, number>();

  /**
   * A new pane with its user turn and streaming answer, written as one launch; the spec's
   * `persisted` is that write, so the answer may start before it lands, as launched answers do.
   */
  function seedAnswer(seed: SeedOptions = {}): PaneRunSpec {
    const sessionId = seed.sessionId ?? randomUUID();
    const position = panesInSession.get(sessionId) ?? 0;
    panesInSession.set(sessionId, position + 1);
    const prompt = seed.prompt ?? 'Say hello.';
    const now = new Date();
    const pane: PaneView = {
      id: randomUUID(),
      sessionId,
      providerId: seed.providerId ?? 'fake',
      modelId: 'fake-model',
      kind: 'chat',
      params: {},
      systemPrompt: null,
      position,
      simulated: false,
      createdAt: now.toISOString(),
    };
    const broadcastId = randomUUID();
    const messageId = randomUUID();
    const persisted = db.broadcasts.launch({
      session: { id: sessionId, title: prompt, isNew: position === 0 },
      panes: [{ ...pane, createdAt: now }],
      broadcast: { id: broadcastId, prompt, kind: 'broadcast', createdAt: now },
      messages: [
        {
          id: randomUUID(),
          paneId: pane.id,
          broadcastId,
          role: 'user',
          content: prompt,
          status: 'complete',
          createdAt: now,
        },
        {
          id: messageId,
          paneId: pane.id,
          broadcastId,
          role: 'assistant',
          content: '',
          status: 'streaming',
          ownerId: INSTANCE_ID,
          createdAt: now,
        },
      ],
    });
    return {
      sessionId,
      broadcastId,
      pane,
      messageId,
      history: [{ role: 'user', content: prompt }],
      persisted,
    };
  }

  return { db, hub, stats, settings, saver, finalSaves, deps, runs, ctx, seedAnswer };
}

export type Harness = ReturnType<typeof createHarness>;
