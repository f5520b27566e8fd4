import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';

import type { Forecast, PaneDetail, VoteKind, VoteView } from '@mlb/contracts';

import { overBudgetForecast } from '../budget/over-budget';
import { describeError, type UserError } from '../errors/user-error';
import { useTRPC } from '../trpc';
import { blindNames, compareKnowsAll, contestTurn, type BlindNames } from './blind-names';
import { votablePanes, winnerOf } from './ranking';
import { useBlind } from './use-blind';

export interface Deciding extends BlindNames {
  sessionId: string | null;
  blind: boolean;
  setBlind: (on: boolean) => void;
  /** The panes one may vote for on `turn` (ended answers), or null while it cannot be voted on. */
  votable: PaneDetail[] | null;
  vote: VoteView | null;
  cast: (kind: VoteKind, paneIds: string[]) => void;
  casting: boolean;
  voteError: UserError | null;
  /** The vote's one winner, if it has one. */
  winner: PaneDetail | null;
  /** "Continue with the winner": the pane the composer sends to alone, or null (every target). */
  solo: PaneDetail | null;
  setSolo: (paneId: string | null) => void;
  /**
   * Sends to the solo pane only, with the broadcast budget the composer set; over a budget it sends
   * again only if `confirmOverBudget` says so. False (the prompt stays in the box) otherwise.
   */
  sendSolo: (prompt: string, options: SoloSendOptions) => Promise<boolean>;
  soloSending: boolean;
  soloError: UserError | null;
  fork: (paneId: string) => void;
  forking: boolean;
  forkError: UserError | null;
}

export interface SoloSendOptions {
  budgetUsd: number | null;
  confirmOverBudget: (forecast: Forecast) => Promise<boolean>;
}

/** What changes when an answer starts, ends or is retried: the compare view is asked again then. */
const answersSignature = (panes: readonly PaneDetail[]) =>
  panes
    .map((p) => {
      const last = p.messages.at(-1);
      return `${p.id}:${p.state}:${p.messages.length}:${last?.id ?? ''}:${last?.status ?? ''}`;
    })
    .join('|');

/** Blind names, the vote on the latest turn, and continuing with its winner, for the open session. */
export function useDeciding({
  sessionId,
  panes,
  navigate,
}: {
  sessionId: string | null;
  panes: PaneDetail[];
  navigate: (sessionId: string) => void;
}): Deciding {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [blind, setBlind] = useBlind(sessionId);
  const [soloChoice, setSoloChoice] = useState<{ sessionId: string; paneId: string } | null>(null);

  const compare = useQuery({
    ...trpc.compare.get.queryOptions({ sessionId: sessionId ?? '' }),
    enabled: sessionId !== null,
  });
  const signature = answersSignature(panes);
  useEffect(() => {
    if (sessionId === null) return;
    void queryClient.invalidateQueries({
      queryKey: trpc.compare.get.queryKey({ sessionId }),
    });
  }, [sessionId, signature, queryClient, trpc]);

  const compareTurns = useMemo(
    () => (compare.data?.sessionId === sessionId ? compare.data.turns : []),
    [compare.data, sessionId],
  );
  const known = compareKnowsAll(panes, compareTurns);
  const turn = known ? contestTurn(compareTurns) : null;

  const voteQuery = useQuery({
    ...trpc.votes.forBroadcast.queryOptions({ broadcastId: turn?.broadcastId ?? '' }),
    enabled: turn !== null,
    // The compare view already carries it: no flash of hidden names on a reload of a voted turn.
    placeholderData: turn?.vote ?? undefined,
  });
  const vote = turn && voteQuery.data?.broadcastId === turn.broadcastId ? voteQuery.data : null;
  const names = useMemo(
    () => blindNames({ blind, turns: compareTurns, known, voted: vote !== null }),
    [blind, compareTurns, known, vote],
  );

  const cast = useMutation(
    trpc.votes.cast.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(
          trpc.votes.forBroadcast.queryKey({ broadcastId: saved.broadcastId }),
          saved,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.compare.get.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.leaderboard.get.pathKey() });
      },
    }),
  );
  const prompt = useMutation(trpc.panes.prompt.mutationOptions());
  const fork = useMutation(
    trpc.sessions.fork.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() });
        navigate(result.session.id);
      },
    }),
  );

  const byId = new Map(panes.map((p) => [p.id, p]));
  const votableIds = turn ? votablePanes(turn) : null;
  const votable = votableIds
    ? votableIds.map((id) => byId.get(id)).filter((p): p is PaneDetail => p !== undefined)
    : null;
  const winnerId = winnerOf(vote);
  const solo =
    soloChoice && soloChoice.sessionId === sessionId ? (byId.get(soloChoice.paneId) ?? null) : null;

  return {
    ...names,
    sessionId,
    blind,
    setBlind,
    votable: votable && votable.length >= 2 ? votable : null,
    vote,
    cast: (kind, paneIds) => {
      if (!sessionId || !turn) return;
      cast.mutate({ sessionId, broadcastId: turn.broadcastId, kind, paneIds });
    },
    casting: cast.isPending,
    voteError:
      cast.error && cast.variables?.broadcastId === turn?.broadcastId
        ? describeError(cast.error, 'vote')
        : null,
    winner: winnerId ? (byId.get(winnerId) ?? null) : null,
    solo,
    setSolo: (paneId) => setSoloChoice(paneId && sessionId ? { sessionId, paneId } : null),
    sendSolo: async (text, { budgetUsd, confirmOverBudget }) => {
      if (!solo) return false;
      const input = {
        paneId: solo.id,
        prompt: text,
        ...(budgetUsd !== null ? { budgetUsd } : {}),
      };
      try {
        const sent = await prompt.mutateAsync(input).then(
          () => true,
          async (error: unknown) => {
            // Over a budget: as for a broadcast, show the forecast and send only if confirmed.
            const forecast = overBudgetForecast(error);
            if (!forecast) throw error;
            if (!(await confirmOverBudget(forecast))) return false;
            await prompt.mutateAsync({ ...input, confirmOverBudget: true });
            return true;
          },
        );
        if (!sent) return false;
        void queryClient.invalidateQueries({ queryKey: trpc.sessions.get.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() });
        return true;
      } catch {
        return false;
      }
    },
    soloSending: prompt.isPending,
    soloError:
      prompt.error && prompt.variables?.paneId === solo?.id
        ? describeError(prompt.error, 'send')
        : null,
    fork: (paneId) => fork.mutate({ paneId }),
    forking: fork.isPending,
    forkError: fork.error ? describeError(fork.error, 'fork') : null,
  };
}

/** A picker chip's name: the pane's letter while names are hidden, else the model. */
export function targetName(
  deciding: Deciding,
  panes: readonly PaneDetail[],
): (target: { paneId?: string; providerId: string; modelId: string }) => string {
  return (t) => {
    const pane = t.paneId === undefined ? undefined : panes.find((p) => p.id === t.paneId);
    if (pane && deciding.hidden && deciding.blind) return deciding.nameOf(pane).label;
    return `${t.providerId}/${t.modelId}`;
  };
}

/**
 * The picker's targets in the panes' order: while names are hidden, the chips stand in letter
 * order (in the order the models were picked they would tell which letter is which model).
 */
export function orderTargets<T extends { paneId?: string }>(deciding: Deciding, targets: T[]): T[] {
  if (!deciding.hidden || !deciding.blind) return targets;
  const withId = targets.map((t, i) => ({ t, id: t.paneId ?? `new:${i}` }));
  return deciding.order(withId).map(({ t }) => t);
}
