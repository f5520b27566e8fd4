import type { CompareTurn, PaneDetail } from '@mlb/contracts';

/** How a pane is named: its model, or in blind mode the letter the turn gave it (with the model once revealed). */
export interface PaneName {
  /** The accessible name of its region and what other controls call it. */
  label: string;
  /** "Model A" in blind mode (kept beside the name once revealed), else null. */
  letter: string | null;
  /** Null while hidden. */
  modelId: string | null;
  providerId: string | null;
}

type Named = Pick<PaneDetail, 'id' | 'providerId' | 'modelId' | 'kind'>;

export interface BlindNames {
  /** The turn to vote on: the latest with two answers or more, once the compare view knows every prompt. */
  turn: CompareTurn | null;
  /** Blind mode is on and the turn is not voted on yet: no model name may show. */
  hidden: boolean;
  nameOf: (pane: Named) => PaneName;
  /** Panes in the turn's shuffled order in blind mode (the rest after, as they were); as given otherwise. */
  order: <T extends { id: string }>(panes: readonly T[]) => T[];
}

const shown = (p: Named): PaneName => ({
  label: `${p.providerId} / ${p.modelId}`,
  letter: null,
  modelId: p.modelId,
  providerId: p.providerId,
});

/** The latest turn two answers or more compete in. */
export function contestTurn(turns: readonly CompareTurn[]): CompareTurn | null {
  return turns.findLast((t) => t.answers.length >= 2) ?? null;
}

/**
 * Names for blind mode. `known`: whether the compare view has caught up with every prompt the
 * session's panes show; until it has, a new turn's letters are unknown and nothing is revealed
 * (an earlier turn's vote must not reveal the names of a turn that is not voted on).
 */
export function blindNames({
  blind,
  turns,
  known,
  voted,
}: {
  blind: boolean;
  turns: readonly CompareTurn[];
  known: boolean;
  /** Whether the contest turn has a vote (the freshest source: the vote just cast). */
  voted: boolean;
}): BlindNames {
  const turn = known ? contestTurn(turns) : null;
  if (!blind) return { turn, hidden: false, nameOf: shown, order: (panes) => [...panes] };
  const labels = turn?.blind.labels ?? {};
  const hidden = !(turn && voted);
  // Panes outside the turn (left out of it, summaries) get a number, never a name, while hidden.
  const others = new Map<string, number>();
  const nameOf = (p: Named): PaneName => {
    const letter = labels[p.id] ?? null;
    if (!hidden)
      return letter
        ? { ...shown(p), label: `${letter} · ${p.providerId} / ${p.modelId}`, letter }
        : shown(p);
    if (letter) return { label: letter, letter, modelId: null, providerId: null };
    if (!others.has(p.id)) others.set(p.id, others.size + 1);
    const label = `${p.kind === 'summary' ? 'Summary' : 'Other pane'} ${others.get(p.id)}`;
    return { label, letter: label, modelId: null, providerId: null };
  };
  const rank = new Map((turn?.blind.order ?? []).map((id, i) => [id, i]));
  const order = <T extends { id: string }>(panes: readonly T[]): T[] =>
    panes
      .map((p, i) => ({ p, key: rank.get(p.id) ?? rank.size + i }))
      .sort((a, b) => a.key - b.key)
      .map(({ p }) => p);
  return { turn, hidden, nameOf, order };
}

/** Whether the compare view lists every prompt the chat panes' threads hold (else it is behind). */
export function compareKnowsAll(
  panes: readonly PaneDetail[],
  turns: readonly CompareTurn[],
): boolean {
  const known = new Set(turns.map((t) => t.broadcastId));
  return panes
    .filter((p) => p.kind === 'chat')
    .every((p) =>
      p.messages.every(
        (m) => m.role !== 'user' || m.broadcastId === null || known.has(m.broadcastId),
      ),
    );
}
