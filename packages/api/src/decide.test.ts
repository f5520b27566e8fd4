import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TRPCError } from '@trpc/server';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { SessionDetail } from '@mlb/contracts';
import { createDb, type Db } from '@mlb/db';
import { createWorkspace, OverBudgetError, type Workspace } from '@mlb/domain';
import { silentLogger } from '@mlb/logger';
import { createProviderRegistry, parseProvidersEnv } from '@mlb/providers';
import { startFakeUpstream, type FakeUpstream } from '@mlb/test-support';

import { appRouter } from './root';
import { createCallerFactory } from './trpc';

/*
 * The procedures for going from comparing to deciding, called through the router as a client
 * would, over a real SQLite database, the built-in demo provider (priced by MODEL_PRICES so costs
 * can be computed by hand) and a fake Groq upstream that answers with source markers.
 */

const PRICES = {
  // USD per million tokens.
  'demo/demo-fast': { input: 3, output: 15 },
  'demo/demo-balanced': { input: 1, output: 2 },
  'groq/llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
};
const GROQ = 'llama-3.1-8b-instant';
const fast = { providerId: 'demo', modelId: 'demo-fast' };
const balanced = { providerId: 'demo', modelId: 'demo-balanced' };
const slow = { providerId: 'demo', modelId: 'demo-slow' };

let dir: string;
let db: Db;
let groq: FakeUpstream;
let workspace: Workspace;
const runtime = () => ({
  activeConnections: 0,
  memory: { rssBytes: 1, heapUsedBytes: 1 },
  eventLoopLagMs: { p50: 1, p99: 1 },
});
const api = () => createCallerFactory(appRouter)({ workspace, runtime, requestId: 'test' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadcast-decide-'));
  db = await createDb({ url: `file:${join(dir, 'decide.db')}` });
  groq = await startFakeUpstream({ flavor: 'groq', apiKey: 'gsk-test', models: [GROQ] });
  const registry = createProviderRegistry(
    parseProvidersEnv({
      DEMO_TOKENS_PER_SECOND: '2000',
      DEMO_FIRST_TOKEN_MS: '0',
      OLLAMA_BASE_URL: 'http://127.0.0.1:9',
      GROQ_BASE_URL: groq.baseUrl,
      GROQ_API_KEY: 'gsk-test',
      MODEL_PRICES: JSON.stringify(PRICES),
    }),
  );
  workspace = createWorkspace({ db, registry, logger: silentLogger, version: 'test' });
});

afterAll(async () => {
  await workspace.shutdown();
  await db.close();
  await groq.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => groq.reset());

/** The session once every answer in it has ended. */
async function settled(sessionId: string): Promise<SessionDetail> {
  await expect
    .poll(
      async () =>
        (await api().sessions.get({ sessionId })).panes.every(
          (p) => p.state !== 'streaming' && p.state !== 'queued',
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
  return api().sessions.get({ sessionId });
}

async function broadcast(prompt: string, models = [fast, balanced, slow], sessionId?: string) {
  const result = await api().broadcast.create({
    prompt,
    models,
    ...(sessionId ? { sessionId } : {}),
  });
  return { ...result, session: await settled(result.sessionId) };
}

const answerOf = (session: SessionDetail, paneId: string) =>
  session.panes.find((p) => p.id === paneId)!.messages.findLast((m) => m.role === 'assistant')!;

/** 3 tokens around each message and 3 priming the reply (OpenAI's count, as the meter uses). */
const framed = (...texts: string[]) => texts.reduce((sum, t) => sum + 3 + countTokens(t), 3);

describe('forecast.get', () => {
  it('forecasts each model from the prompt’s tokens, its price and its most output, by hand', async () => {
    const prompt = 'How do tides work?';
    const forecast = await api().forecast.get({
      prompt,
      models: [
        { ...fast, params: { maxTokens: 200 } },
        balanced,
        { providerId: 'groq', modelId: 'no-such-model' },
      ],
    });
    const input = framed(prompt);
    expect(forecast.models[0]).toEqual({
      providerId: 'demo',
      modelId: 'demo-fast',
      paneId: null,
      inputTokens: input,
      promptTokens: countTokens(prompt),
      threadTokens: input - countTokens(prompt),
      maxOutputTokens: 200,
      maxOutputSource: 'params',
      inputPricePerMTok: 3,
      outputPricePerMTok: 15,
      minCostUsd: expect.closeTo((3 * input) / 1e6, 15),
      maxCostUsd: expect.closeTo((3 * input + 15 * 200) / 1e6, 15),
    });
    expect(forecast.models[1]).toMatchObject({
      maxOutputTokens: 4096,
      maxOutputSource: 'default',
      maxCostUsd: expect.closeTo((input + 2 * 4096) / 1e6, 15),
    });
    expect(forecast.models[2]).toMatchObject({
      inputPricePerMTok: null,
      minCostUsd: null,
      maxCostUsd: null,
    });
    expect(forecast.total).toEqual({
      inputTokens: 3 * input,
      minCostUsd: expect.closeTo((3 * input + input) / 1e6, 15),
      maxCostUsd: expect.closeTo((3 * input + 15 * 200 + input + 2 * 4096) / 1e6, 15),
      unknownPrices: 1,
    });
    expect(forecast.budgets).toEqual([]);
    expect(forecast.overBudget).toBe(false);
  });

  it('counts the pane’s thread in a session, and stands the worst case against the budgets', async () => {
    const first = await broadcast('Name a prime.', [fast]);
    const paneId = first.panes[0]!.paneId;
    const previous = answerOf(first.session, paneId).content;
    const spent = answerOf(first.session, paneId).metrics!.cost!;
    await api().sessions.setBudget({ sessionId: first.sessionId, budgetUsd: 1 });
    const forecast = await api().forecast.get({
      prompt: 'Another?',
      models: [{ ...fast, params: { maxTokens: 100 } }],
      sessionId: first.sessionId,
      budgetUsd: 0.001,
    });
    const input = framed('Name a prime.', previous, 'Another?');
    expect(forecast.models[0]).toMatchObject({ paneId, inputTokens: input });
    const max = (3 * input + 15 * 100) / 1e6;
    expect(forecast.budgets).toEqual([
      {
        scope: 'broadcast',
        limitUsd: 0.001,
        spentUsd: 0,
        remainingUsd: 0.001,
        exceeded: max > 0.001,
      },
      {
        scope: 'session',
        limitUsd: 1,
        spentUsd: expect.closeTo(spent, 15),
        remainingUsd: expect.closeTo(1 - spent, 15),
        exceeded: false,
      },
    ]);
  });
});

describe('budgets', () => {
  it('refuses a broadcast whose forecast crosses its budget, carrying the forecast', async () => {
    const error = await api()
      .broadcast.create({ prompt: 'Too dear', models: [fast], budgetUsd: 0.000001 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    const cause = (error as TRPCError).cause;
    expect(cause).toBeInstanceOf(OverBudgetError);
    const { forecast } = (cause as OverBudgetError).details;
    expect(forecast.overBudget).toBe(true);
    expect(forecast.budgets).toMatchObject([
      { scope: 'broadcast', limitUsd: 0.000001, exceeded: true },
    ]);
    expect((error as TRPCError).message).toMatch(
      /^This could cost up to \$0\.\d+, more than the \$0\.000001 left/,
    );
    expect((await api().sessions.list({ search: 'Too dear' })).items).toEqual([]);
  });

  it('stops an answer that would cross its budget with reason budget, keeping its partial text', async () => {
    const prompt = 'Explain budgets';
    const full = await broadcast(prompt, [fast]);
    const fullText = answerOf(full.session, full.panes[0]!.paneId).content;
    const input = framed(prompt);
    // The input and 20 output tokens.
    const budgetUsd = (3 * input + 15 * 20) / 1e6;
    const result = await api().broadcast.create({
      prompt,
      models: [fast],
      budgetUsd,
      confirmOverBudget: true,
    });
    const answer = answerOf(await settled(result.sessionId), result.panes[0]!.paneId);
    expect(answer).toMatchObject({ status: 'stopped', endReason: 'budget' });
    expect(answer.content.length).toBeGreaterThan(0);
    expect(fullText.startsWith(answer.content)).toBe(true);
    expect(answer.content.length).toBeLessThan(fullText.length);
    // Estimated from the text (the stream was cut before the provider's usage), at most a delta past the budget.
    expect(answer.metrics).toMatchObject({ estimated: true });
    expect(answer.metrics!.outputTokens).toBeLessThanOrEqual(20);
    expect(answer.metrics!.cost).toBeLessThanOrEqual(budgetUsd);
    expect(
      (await api().compare.get({ sessionId: result.sessionId })).turns[0]!.answers[0],
    ).toMatchObject({
      status: 'stopped',
      endReason: 'budget',
    });
  });

  it('keeps a session budget, refuses work once it is spent, and keeps a monthly budget', async () => {
    const { sessionId, session } = await broadcast('Session budget', [fast]);
    const spent = session.totals.cost;
    expect(await api().sessions.setBudget({ sessionId, budgetUsd: 5 })).toEqual({
      sessionId,
      budgetUsd: 5,
      spentUsd: expect.closeTo(spent, 15),
      remainingUsd: expect.closeTo(5 - spent, 15),
    });
    expect((await api().sessions.get({ sessionId })).budgetUsd).toBe(5);
    await api().sessions.setBudget({ sessionId, budgetUsd: spent / 2 });
    await expect(
      api().broadcast.create({
        prompt: 'More',
        models: [fast],
        sessionId,
        confirmOverBudget: true,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^The session’s budget of \$[\d.]+ is spent\.$/),
    });
    await expect(api().panes.retry({ paneId: session.panes[0]!.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await api().sessions.setBudget({ sessionId, budgetUsd: null });

    const month = await api().budgets.get();
    expect(month).toMatchObject({
      month: new Date().toISOString().slice(0, 7),
      monthlyUsd: null,
      remainingUsd: null,
    });
    expect(month.spentUsd).toBeGreaterThanOrEqual(spent);
    const set = await api().budgets.setMonthly({ monthlyUsd: month.spentUsd + 100 });
    expect(set).toMatchObject({
      monthlyUsd: month.spentUsd + 100,
      remainingUsd: expect.closeTo(100, 9),
    });
    const forecast = await api().forecast.get({ prompt: 'x', models: [fast] });
    expect(forecast.budgets).toMatchObject([{ scope: 'monthly', exceeded: false }]);
    await api().budgets.setMonthly({ monthlyUsd: null });
    expect((await api().budgets.get()).monthlyUsd).toBeNull();
  });

  it('explains a budget that is not a positive amount', async () => {
    await expect(api().budgets.setMonthly({ monthlyUsd: -1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('A budget is more than $0; clear it (null) for no limit.'),
    });
  });
});

describe('compare.get', () => {
  it('puts the latest answers of each turn side by side with the best value per metric', async () => {
    const { sessionId, broadcastId, session } = await broadcast('Compare us');
    const view = await api().compare.get({ sessionId });
    expect(view.turns).toHaveLength(1);
    const [turn] = view.turns;
    expect(turn!.broadcastId).toBe(broadcastId);
    expect(turn!.prompt).toBe('Compare us');
    expect(turn!.answers.map((a) => a.modelId)).toEqual([
      'demo-fast',
      'demo-balanced',
      'demo-slow',
    ]);
    for (const a of turn!.answers) expect(a.content).toBe(answerOf(session, a.paneId).content);
    // demo-slow is free (no price override: the demo costs nothing), so it is the cheapest.
    const slowPane = turn!.answers[2]!.paneId;
    expect(turn!.best.cost).toEqual([slowPane]);
    const fastest = Math.min(...turn!.answers.map((a) => a.metrics!.latencyMs));
    expect(turn!.best.latencyMs).toEqual(
      turn!.answers.filter((a) => a.metrics!.latencyMs === fastest).map((a) => a.paneId),
    );
    expect(turn!.answers.find((a) => a.finishRank === 1)!.metrics!.latencyMs).toBe(fastest);
    expect((await api().compare.get({ sessionId })).turns[0]!.blind).toEqual(turn!.blind);
  });
});

describe('24 panes', () => {
  it('broadcasts to 24 panes at once and compares them, Model A to Model X', async () => {
    const models = Array.from({ length: 24 }, (_, i) => [fast, balanced, slow][i % 3]!);
    const { sessionId, session } = await broadcast('Two dozen', models);
    expect(session.panes.map((p) => p.state)).toEqual(Array(24).fill('complete'));
    const [turn] = (await api().compare.get({ sessionId })).turns;
    expect(turn!.answers).toHaveLength(24);
    expect(turn!.blind.order.map((id) => turn!.blind.labels[id])).toEqual(
      Array.from({ length: 24 }, (_, i) => `Model ${String.fromCharCode(65 + i)}`),
    );
    await expect(
      api().broadcast.create({ prompt: 'Too many', models: [...models, fast] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('votes and the leaderboard', () => {
  it('saves a vote per turn, replaces it on a second vote, and ranks models across sessions', async () => {
    const before = await api().leaderboard.get();
    const one = await broadcast('Vote one');
    const two = await broadcast('Vote two');
    const [f1, b1, s1] = one.panes.map((p) => p.paneId);
    const vote = await api().votes.cast({
      sessionId: one.sessionId,
      broadcastId: one.broadcastId,
      kind: 'best',
      paneIds: [b1!],
    });
    // Places in order; the panes sharing second place in any order.
    expect(
      vote.entries
        .map((e) => [e.modelId, e.rank])
        .sort(([a, x], [b, y]) => Number(x) - Number(y) || String(a).localeCompare(String(b))),
    ).toEqual([
      ['demo-balanced', 1],
      ['demo-fast', 2],
      ['demo-slow', 2],
    ]);
    const again = await api().votes.cast({
      sessionId: one.sessionId,
      broadcastId: one.broadcastId,
      kind: 'ranking',
      paneIds: [b1!, s1!, f1!],
    });
    expect(await api().votes.forBroadcast({ broadcastId: one.broadcastId })).toEqual(again);
    expect((await api().compare.get({ sessionId: one.sessionId })).turns[0]!.vote).toEqual(again);
    const [f2, b2] = two.panes.map((p) => p.paneId);
    await api().votes.cast({
      sessionId: two.sessionId,
      broadcastId: two.broadcastId,
      kind: 'tie',
      paneIds: [f2!, b2!],
    });

    const board = await api().leaderboard.get();
    expect(board.votes).toBe(before.votes + 2);
    const row = (modelId: string) => board.entries.find((e) => e.modelId === modelId)!;
    const was = (modelId: string) => before.entries.find((e) => e.modelId === modelId);
    // Vote one: balanced > slow > fast. Vote two: fast = balanced.
    expect(row('demo-balanced').wins - (was('demo-balanced')?.wins ?? 0)).toBe(2);
    expect(row('demo-fast').losses - (was('demo-fast')?.losses ?? 0)).toBe(2);
    expect(row('demo-fast').ties - (was('demo-fast')?.ties ?? 0)).toBe(1);
    expect(row('demo-balanced').votes - (was('demo-balanced')?.votes ?? 0)).toBe(2);
    expect(row('demo-balanced').rating).toBeGreaterThan(row('demo-fast').rating);
  });

  it('refuses a vote for a pane that did not answer the turn', async () => {
    const one = await broadcast('Vote wrong', [fast, balanced]);
    const other = await broadcast('Vote other', [slow]);
    await expect(
      api().votes.cast({
        sessionId: one.sessionId,
        broadcastId: one.broadcastId,
        kind: 'best',
        paneIds: [other.panes[0]!.paneId],
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('gave no answer in this turn'),
    });
    await expect(
      api().votes.cast({
        sessionId: one.sessionId,
        broadcastId: other.broadcastId,
        kind: 'tie',
        paneIds: one.panes.map((p) => p.paneId),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('is not in this session'),
    });
  });
});

describe('fuse.create', () => {
  it('fuses chosen answers and saves the citations the answer names, with the compact request', async () => {
    const { sessionId, broadcastId, panes } = await broadcast('Fuse us', [fast, balanced, slow]);
    const sources = [panes[0]!, panes[2]!];
    groq.setScenario(GROQ, {
      text: 'Tides follow the Moon. [A]\n\nThe Sun matters too. [A, B]\n\nIn short: both.',
      usage: { input: 50, output: 20 },
    });
    const run = await api().fuse.create({
      sessionId,
      broadcastId,
      paneIds: sources.map((p) => p.paneId),
      template: 'fuse',
      providerId: 'groq',
      modelId: GROQ,
    });
    const session = await settled(sessionId);
    const pane = session.panes.find((p) => p.id === run.paneId)!;
    expect(pane.kind).toBe('summary');
    const [prompt, answer] = pane.messages;
    expect(prompt!.fuse).toEqual({
      template: 'fuse',
      instruction: expect.stringContaining('Fuse the answers below'),
      sources: sources.map((p, i) => ({
        label: 'AB'[i],
        paneId: p.paneId,
        messageId: p.messageId,
        providerId: 'demo',
        modelId: p.modelId,
      })),
    });
    expect(answer!.citations).toEqual([
      {
        paragraph: 0,
        start: 0,
        end: 26,
        labels: ['A'],
        sources: [{ paneId: sources[0]!.paneId, messageId: sources[0]!.messageId }],
      },
      {
        paragraph: 1,
        start: 28,
        end: 55,
        labels: ['A', 'B'],
        sources: sources.map((p) => ({ paneId: p.paneId, messageId: p.messageId })),
      },
    ]);
    // What the model was sent: the citation rule and each answer under its label, not its model's name.
    const sent = JSON.stringify(groq.requests.at(-1)!.body);
    expect(sent).toContain('End every paragraph of your reply with the labels');
    expect(sent).toContain('## Answer A\\n\\n');
    expect(sent).toContain('## Answer B\\n\\n');
    expect(sent).not.toContain('demo / demo-fast');
    expect((await api().compare.get({ sessionId })).turns[0]!.fusions).toEqual([
      { paneId: run.paneId, messageId: run.messageId, template: 'fuse' },
    ]);
  });

  it('remembers an edited instruction for its template, and keeps summarize.create working', async () => {
    const { sessionId } = await broadcast('Summarize us', [fast, balanced]);
    await api().fuse.create({
      sessionId,
      template: 'critique',
      instruction: 'Be harsh but fair.',
      providerId: 'demo',
      modelId: 'demo-fast',
    });
    const templates = await api().fuse.templates();
    expect(templates.map((t) => t.id)).toEqual([
      'summarize',
      'fuse',
      'critique',
      'pick_best',
      'custom',
    ]);
    expect(templates.find((t) => t.id === 'critique')).toMatchObject({
      instruction: 'Be harsh but fair.',
      remembered: true,
    });
    expect(templates.find((t) => t.id === 'fuse')).toMatchObject({ remembered: false });

    const summary = await api().summarize.create({
      sessionId,
      providerId: 'demo',
      modelId: 'demo-balanced',
    });
    const session = await settled(sessionId);
    const pane = session.panes.find((p) => p.id === summary.paneId)!;
    expect(pane.messages[0]!.fuse).toMatchObject({
      template: 'summarize',
      sources: [{ label: 'A' }, { label: 'B' }],
    });
    expect(pane.state).toBe('complete');
  });

  it('asks for an instruction for a custom fusion', async () => {
    await expect(
      api().fuse.create({
        sessionId: 'x',
        template: 'custom',
        providerId: 'demo',
        modelId: 'demo-fast',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('A custom fusion needs an instruction'),
    });
  });
});

describe('send-to provenance', () => {
  it('records which pane and answer a message came from', async () => {
    const { sessionId, panes, session } = await broadcast('Send me', [fast, balanced]);
    const [from, to] = panes;
    const sent = await api().panes.sendTo({
      sourcePaneId: from!.paneId,
      targetPaneIds: [to!.paneId],
    });
    const context = (await api().sessions.get({ sessionId })).panes[1]!.messages.find(
      (m) => m.id === sent.contextMessageIds[0],
    )!;
    expect(context.source).toEqual({
      paneId: from!.paneId,
      messageId: answerOf(session, from!.paneId).id,
    });
    const prompted = await api().panes.sendTo({
      sourcePaneId: to!.paneId,
      targetPaneIds: [from!.paneId],
      mode: 'prompt',
      text: 'A selection',
    });
    const after = await settled(sessionId);
    const user = after.panes[0]!.messages.find(
      (m) => m.broadcastId === prompted.runs[0]!.broadcastId && m.role === 'user',
    )!;
    expect(user.source).toEqual({ paneId: to!.paneId, messageId: null });
  });
});

describe('continuing with the winner', () => {
  it('sends the next prompt to one pane only', async () => {
    const { sessionId, panes } = await broadcast('Winner?', [fast, balanced]);
    const run = await api().panes.prompt({ paneId: panes[1]!.paneId, prompt: 'Go on' });
    const session = await settled(sessionId);
    expect(session.panes.map((p) => p.messages.length)).toEqual([2, 4]);
    expect(session.panes[1]!.messages[2]).toMatchObject({
      role: 'user',
      content: 'Go on',
      broadcastId: run.broadcastId,
    });
    const turns = (await api().compare.get({ sessionId })).turns;
    expect(turns.map((t) => [t.kind, t.answers.map((a) => a.paneId)])).toEqual([
      ['broadcast', panes.map((p) => p.paneId)],
      ['prompt', [panes[1]!.paneId]],
    ]);
  });

  it('forks a new session from a pane with its thread, sharing nothing', async () => {
    const { sessionId, panes, session } = await broadcast('Fork me', [fast, balanced]);
    const fork = await api().sessions.fork({ paneId: panes[1]!.paneId });
    expect(fork.session).toMatchObject({ title: 'Fork me (fork)', paneCount: 1 });
    const forked = await api().sessions.get({ sessionId: fork.session.id });
    const original = session.panes[1]!;
    expect(forked.panes[0]).toMatchObject({
      id: fork.paneId,
      modelId: 'demo-balanced',
      position: 0,
    });
    expect(forked.panes[0]!.messages.map((m) => [m.role, m.content])).toEqual(
      original.messages.map((m) => [m.role, m.content]),
    );
    expect(
      forked.panes[0]!.messages.some((m) => original.messages.some((o) => o.id === m.id)),
    ).toBe(false);
    expect(fork.paneId).not.toBe(original.id);
    // It continues on its own.
    await api().broadcast.create({
      prompt: 'Next',
      models: [balanced],
      sessionId: fork.session.id,
    });
    expect((await settled(fork.session.id)).panes[0]!.messages).toHaveLength(4);
    expect((await api().sessions.get({ sessionId })).panes[1]!.messages).toHaveLength(2);
  });
});

/** A JSON export with its ids replaced by their order of first appearance, and no export date. */
function normalized(json: string): unknown {
  const ids = new Map<string, string>();
  const { exportedAt: _exportedAt, ...doc } = JSON.parse(json) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(doc), (key, value: unknown) => {
    if (typeof value !== 'string' || !/(^id$|Id$)/.test(key)) return value;
    if (!ids.has(value)) ids.set(value, `#${ids.size}`);
    return ids.get(value);
  });
}

describe('sessions.export and sessions.import', () => {
  it('round-trips a session through JSON: the import equals the original but for its ids', async () => {
    const { sessionId, broadcastId, panes } = await broadcast('Round trip', [fast, balanced]);
    await api().votes.cast({ sessionId, broadcastId, kind: 'best', paneIds: [panes[0]!.paneId] });
    groq.setScenario(GROQ, { text: 'Both agree. [A, B]' });
    await api().fuse.create({
      sessionId,
      template: 'summarize',
      providerId: 'groq',
      modelId: GROQ,
    });
    await api().panes.sendTo({ sourcePaneId: panes[0]!.paneId, targetPaneIds: [panes[1]!.paneId] });
    await api().sessions.setBudget({ sessionId, budgetUsd: 2 });
    await settled(sessionId);

    const exported = await api().sessions.export({ sessionId, format: 'json' });
    expect(exported).toMatchObject({
      format: 'json',
      filename: 'round-trip.json',
      mimeType: 'application/json',
    });
    const imported = await api().sessions.import({ json: exported.content });
    expect(imported.id).not.toBe(sessionId);
    const again = await api().sessions.export({ sessionId: imported.id, format: 'json' });
    expect(normalized(again.content)).toEqual(normalized(exported.content));

    // Nothing shared: every id is new, and the copy's answers spent nothing here.
    const copy = await api().sessions.get({ sessionId: imported.id });
    const originalIds = new Set(
      JSON.stringify(await api().sessions.get({ sessionId })).match(/[0-9a-f-]{36}/g),
    );
    expect(
      JSON.stringify(copy)
        .match(/[0-9a-f-]{36}/g)!
        .filter((id) => id !== imported.id)
        .some((id) => originalIds.has(id)),
    ).toBe(false);
    expect(
      (await api().sessions.setBudget({ sessionId: imported.id, budgetUsd: 2 })).spentUsd,
    ).toBe(0);
    expect(copy.totals.cost).toBeCloseTo((await api().sessions.get({ sessionId })).totals.cost, 12);
  });

  it('exports Markdown with each turn’s answers and metrics table, and fusions with their sources', async () => {
    const { sessionId } = await broadcast('Markdown me', [fast, balanced]);
    groq.setScenario(GROQ, { text: 'One. [A]\n\nTwo. [B]' });
    await api().fuse.create({ sessionId, template: 'fuse', providerId: 'groq', modelId: GROQ });
    const session = await settled(sessionId);
    const file = await api().sessions.export({ sessionId, format: 'markdown' });
    expect(file).toMatchObject({ filename: 'markdown-me.md', mimeType: 'text/markdown' });
    const md = file.content;
    expect(md).toMatch(/^# Markdown me\n/);
    expect(md).toContain(
      '## Turn 1\n\n> Markdown me\n\n| Model | Status | Cost | TTFT | Tokens/s | Latency | Output tokens |',
    );
    expect(md).toContain('| demo / demo-fast | complete |');
    expect(md).toContain(
      `### demo / demo-balanced\n\n${answerOf(session, session.panes[1]!.id).content.trim()}`,
    );
    expect(md).toContain(`### Fuse into the best answer: groq / ${GROQ}\n\nOne. [A]\n\nTwo. [B]`);
    expect(md).toContain('- [A] demo / demo-fast — cited in paragraph 1');
    expect(md).toContain('- [B] demo / demo-balanced — cited in paragraph 2');
  });

  it('says what is wrong with a file that is not an export', async () => {
    await expect(api().sessions.import({ json: '{"format": 1' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^The session export is not valid JSON/),
    });
    await expect(api().sessions.import({ json: '{"format":"something"}' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(
        'format: This is not a session export of the Broadcast Workspace',
      ),
    });
    const { sessionId } = await broadcast('Broken ref', [fast]);
    const doc = JSON.parse(
      (await api().sessions.export({ sessionId, format: 'json' })).content,
    ) as {
      panes: { messages: { broadcastId: string | null }[] }[];
    };
    doc.panes[0]!.messages[0]!.broadcastId = 'nowhere';
    await expect(api().sessions.import({ json: JSON.stringify(doc) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(
        'panes.0.messages.0.broadcastId: "nowhere" is not a broadcast of this file.',
      ),
    });
  });
});
