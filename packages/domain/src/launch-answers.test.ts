import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { collectEvents } from '../test/collect-events';
import { answer, FakeAdapter } from '../test/fake-adapter';
import { isSettled, settle } from '../test/fake-clock';
import { createHarness, INSTANCE_ID, type Harness } from '../test/harness';
import { DomainError } from './errors';
import { launchAnswers, plannedPane, type Launch, type LaunchTarget } from './launch-answers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const SESSION = 'session-1';

/** A target in a pane new to the session. */
function newPane(
  adapter: FakeAdapter,
  position: number,
  fields: { prompt?: string | null; systemPrompt?: string | null } = {},
): LaunchTarget {
  return {
    pane: plannedPane({
      sessionId: SESSION,
      providerId: adapter.id,
      modelId: `${adapter.id}-model`,
      kind: 'chat',
      params: {},
      systemPrompt: fields.systemPrompt ?? null,
      position,
    }),
    isNew: true,
    thread: [],
    prompt: fields.prompt === undefined ? 'Name a colour.' : fields.prompt,
    adapter,
  };
}

function broadcast(targets: LaunchTarget[], isNew = true): Launch {
  return {
    session: { id: SESSION, title: 'Colours', isNew },
    broadcast: { prompt: 'Name a colour.', kind: 'broadcast' },
    targets,
  };
}

/** Waits for every answer of the session to end. */
async function answersEnded(h: Harness) {
  await settle(Promise.all(h.runs.forSession(SESSION).map((r) => r.done)));
}

describe('launchAnswers', () => {
  it('starts every answer before the launch is saved, then saves the launch in one write', async () => {
    const h = createHarness();
    const events = collectEvents(h.hub, SESSION);
    const release = h.db.hangNext('broadcasts.launch');
    const red = new FakeAdapter([answer(['Red'], { hang: true })], 'red');
    const blue = new FakeAdapter([answer(['Blue'], { hang: true })], 'blue');
    const targets = [newPane(red, 0), newPane(blue, 1)];
    const launching = launchAnswers(h.ctx, broadcast(targets));

    await vi.advanceTimersByTimeAsync(100);
    expect(red.calls).toHaveLength(1);
    expect(blue.calls).toHaveLength(1);
    expect(events.text()).toBe('RedBlue');
    expect(h.db.callsOf('broadcasts.launch')).toHaveLength(1);
    expect(await isSettled(launching)).toBe(false);

    release();
    const { answers, broadcastId } = await settle(launching);
    expect(answers).toEqual(
      targets.map(({ pane }) => ({
        paneId: pane.id,
        messageId: expect.any(String),
        providerId: pane.providerId,
        modelId: pane.modelId,
      })),
    );
    const saved = await h.db.sessions.threads(SESSION);
    expect(saved?.title).toBe('Colours');
    expect(saved?.panes.map((p) => p.pane)).toEqual(targets.map((t) => t.pane));
    for (const [i, { pane, messages }] of saved!.panes.entries()) {
      expect(messages).toEqual([
        expect.objectContaining({ role: 'user', content: 'Name a colour.', broadcastId }),
        expect.objectContaining({
          id: answers[i]!.messageId,
          role: 'assistant',
          status: 'streaming',
          broadcastId,
          paneId: pane.id,
        }),
      ]);
      expect(h.db.ownerOf(answers[i]!.messageId)).toBe(INSTANCE_ID);
    }
  });

  it('tells subscribers first that each answer is queued, with its pane and user message', async () => {
    const h = createHarness();
    const events = collectEvents(h.hub, SESSION);
    const targets = [
      newPane(new FakeAdapter([answer(['Red'])], 'red'), 0),
      newPane(new FakeAdapter([answer(['Blue'])], 'blue'), 1),
    ];
    const { answers } = await settle(launchAnswers(h.ctx, broadcast(targets)));
    await answersEnded(h);

    for (const [i, { paneId, messageId }] of answers.entries())
      expect(events.of(messageId)[0]?.event).toEqual({
        type: 'status',
        sessionId: SESSION,
        paneId,
        messageId,
        data: {
          state: 'queued',
          pane: targets[i]!.pane,
          userMessage: expect.objectContaining({
            role: 'user',
            content: 'Name a colour.',
            status: 'complete',
          }),
        },
      });
  });

  it('returns the event id from which a late subscriber replays the whole launch', async () => {
    const h = createHarness();
    const earlier = await settle(
      launchAnswers(h.ctx, broadcast([newPane(new FakeAdapter([answer(['Green'])]), 0)])),
    );
    await answersEnded(h);

    const adapter = new FakeAdapter([answer(['Red', ' and', ' blue'], { gapMs: 10 })]);
    const later = launchAnswers(h.ctx, broadcast([newPane(adapter, 1)], false));
    const { lastEventId, answers } = await settle(later);
    await answersEnded(h);

    const plan = h.hub.planResume(SESSION, lastEventId);
    if (plan.kind !== 'replay') throw new Error('expected a replay');
    const replayed = plan.events.map((e) => e.event);
    expect(replayed.every((e) => e.messageId === answers[0]!.messageId)).toBe(true);
    expect(replayed[0]).toMatchObject({ type: 'status', data: { state: 'queued' } });
    expect(replayed.at(-1)).toMatchObject({ type: 'status', data: { state: 'complete' } });
    expect(replayed.some((e) => e.messageId === earlier.answers[0]!.messageId)).toBe(false);
  });

  it('asks the model with its pane’s system prompt, its thread and the new prompt', async () => {
    const h = createHarness();
    const first = new FakeAdapter([answer(['Red.'])]);
    await settle(
      launchAnswers(h.ctx, broadcast([newPane(first, 0, { systemPrompt: 'One word answers.' })])),
    );
    await answersEnded(h);
    const [{ pane, messages }] = (await h.db.sessions.threads(SESSION))!.panes as [
      { pane: LaunchTarget['pane']; messages: LaunchTarget['thread'] },
    ];

    const second = new FakeAdapter([answer(['Blue.'])]);
    await settle(
      launchAnswers(h.ctx, {
        ...broadcast([], false),
        targets: [{ pane, isNew: false, thread: messages, prompt: 'Another?', adapter: second }],
      }),
    );
    await answersEnded(h);
    expect(second.calls[0]!.request.messages).toEqual([
      { role: 'system', content: 'One word answers.' },
      { role: 'user', content: 'Name a colour.' },
      { role: 'assistant', content: 'Red.' },
      { role: 'user', content: 'Another?' },
    ]);
    const thread = (await h.db.sessions.threads(SESSION))!.panes[0]!.messages;
    expect(thread.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Name a colour.', 'complete'],
      ['assistant', 'Red.', 'complete'],
      ['user', 'Another?', 'complete'],
      ['assistant', 'Blue.', 'complete'],
    ]);
  });

  it('answers the thread as it is when there is no new prompt (a retry)', async () => {
    const h = createHarness();
    const events = collectEvents(h.hub, SESSION);
    const adapter = new FakeAdapter([answer(['Again.'])]);
    const target = newPane(adapter, 0, { prompt: null });
    target.thread = [
      {
        id: 'm1',
        paneId: target.pane.id,
        broadcastId: null,
        role: 'user',
        content: 'Name a colour.',
        status: 'complete',
        error: null,
        finishReason: null,
        endReason: null,
        metrics: null,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      },
    ];
    const { answers } = await settle(launchAnswers(h.ctx, broadcast([target])));
    await answersEnded(h);
    expect(adapter.calls[0]!.request.messages).toEqual([
      { role: 'user', content: 'Name a colour.' },
    ]);
    expect(events.statuses(answers[0]!.messageId)[0]).not.toHaveProperty('userMessage');
    const thread = (await h.db.sessions.threads(SESSION))!.panes[0]!.messages;
    expect(thread.map((m) => m.role)).toEqual(['assistant']);
  });

  it('stops its answers and says so when the launch cannot be saved', async () => {
    const h = createHarness({ runs: { maxConcurrentStreams: 1 } });
    const events = collectEvents(h.hub, SESSION);
    h.db.failNext('broadcasts.launch', 1, new Error('SQLITE_FULL: database or disk is full'));
    const streaming = new FakeAdapter([answer(['Red'], { hang: true })], 'red');
    const queued = new FakeAdapter([answer(['Blue'])], 'blue');
    const targets = [newPane(streaming, 0), newPane(queued, 1)];

    const failed = launchAnswers(h.ctx, {
      ...broadcast(targets),
      broadcast: { prompt: 'Name a colour.', kind: 'send_to' },
    }).catch((error: unknown) => error);
    const error = await settle(failed);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Could not save the send-to, so its answers were stopped.',
    });
    expect((error as DomainError).suggestion).toContain('database');

    await answersEnded(h);
    expect(streaming.calls[0]!.signal.aborted).toBe(true);
    expect(queued.calls).toEqual([]);
    for (const { pane } of targets) {
      const run = events.of().filter((s) => s.event.paneId === pane.id);
      expect(run.at(-1)?.event).toMatchObject({ type: 'status', data: { state: 'stopped' } });
      expect(h.runs.get(pane.id)).toBeUndefined();
    }
    expect(h.db.callsOf('messages.finish')).toEqual([]);
    expect(h.db.callsOf('messages.updateContents')).toEqual([]);
    expect(await h.db.sessions.exists(SESSION)).toBe(false);
  });
});
