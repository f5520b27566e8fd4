import { describe, expect, it } from 'vitest';

import type { CompareTurn, PaneDetail } from '@mlb/contracts';

import { blindNames, compareKnowsAll, contestTurn } from './blind-names';

const pane = (id: string, modelId: string, broadcastIds: string[] = []): PaneDetail =>
  ({
    id,
    providerId: 'prov',
    modelId,
    kind: 'chat',
    messages: broadcastIds.map((b) => ({ role: 'user', broadcastId: b })),
  }) as unknown as PaneDetail;

const turn = (broadcastId: string, order: string[]): CompareTurn =>
  ({
    broadcastId,
    answers: order.map((paneId) => ({ paneId })),
    blind: {
      order,
      labels: Object.fromEntries(order.map((id, i) => [id, `Model ${'ABC'[i]}`])),
    },
  }) as unknown as CompareTurn;

const panes = [pane('p1', 'alpha'), pane('p2', 'beta'), pane('p3', 'gamma')];
const turns = [turn('t1', ['p3', 'p1', 'p2'])];

describe('blindNames', () => {
  it('names panes by model when blind mode is off', () => {
    const names = blindNames({ blind: false, turns, known: true, voted: false });
    expect(names.hidden).toBe(false);
    expect(names.nameOf(panes[0]!)).toEqual({
      label: 'prov / alpha',
      letter: null,
      modelId: 'alpha',
      providerId: 'prov',
    });
    expect(names.order(panes).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('hides every model behind the turn’s letters, in its shuffled order', () => {
    const names = blindNames({ blind: true, turns, known: true, voted: false });
    expect(names.hidden).toBe(true);
    expect(names.order(panes).map((p) => p.id)).toEqual(['p3', 'p1', 'p2']);
    expect(panes.map((p) => names.nameOf(p).label)).toEqual(['Model B', 'Model C', 'Model A']);
    for (const p of panes) expect(JSON.stringify(names.nameOf(p))).not.toContain(p.modelId);
  });

  it('reveals the names beside the letters once the turn is voted on', () => {
    const names = blindNames({ blind: true, turns, known: true, voted: true });
    expect(names.hidden).toBe(false);
    expect(names.nameOf(panes[2]!)).toEqual({
      label: 'Model A · prov / gamma',
      letter: 'Model A',
      modelId: 'gamma',
      providerId: 'prov',
    });
    expect(names.order(panes).map((p) => p.id)).toEqual(['p3', 'p1', 'p2']);
  });

  it('numbers panes outside the turn instead of naming them, and puts them last', () => {
    const extra = { ...pane('p4', 'delta'), kind: 'summary' as const };
    const names = blindNames({ blind: true, turns, known: true, voted: false });
    expect(names.nameOf(extra).label).toBe('Summary 1');
    expect(names.order([extra, ...panes]).map((p) => p.id)).toEqual(['p3', 'p1', 'p2', 'p4']);
  });

  it('reveals nothing while the compare view is behind the session', () => {
    const names = blindNames({ blind: true, turns, known: false, voted: true });
    expect(names.turn).toBeNull();
    expect(names.hidden).toBe(true);
    expect(names.nameOf(panes[0]!).modelId).toBeNull();
  });
});

describe('contestTurn and compareKnowsAll', () => {
  it('votes on the latest turn with two answers or more', () => {
    const solo = turn('t2', ['p1']);
    expect(contestTurn([...turns, solo])?.broadcastId).toBe('t1');
    expect(contestTurn([solo])).toBeNull();
  });
  it('tells whether every prompt of the panes is in the compare view', () => {
    expect(compareKnowsAll([pane('p1', 'a', ['t1'])], turns)).toBe(true);
    expect(compareKnowsAll([pane('p1', 'a', ['t1', 't2'])], turns)).toBe(false);
  });
});
