import { useId, useState } from 'react';

import type { PaneDetail, VoteView } from '@mlb/contracts';

import { ordinal } from '../format';
import { moveItem, places } from './ranking';
import type { Deciding } from './use-deciding';

import './votes.css';

/** A pane as the vote bar calls it: its letter in blind mode, else its model. */
const shortName = (d: Deciding, pane: PaneDetail) => d.nameOf(pane).letter ?? pane.modelId;

/** A pane in the saved vote: the letter kept beside the revealed name. */
function votedName(d: Deciding, entry: VoteView['entries'][number]): string {
  const name = d.nameOf({
    id: entry.paneId,
    providerId: entry.providerId,
    modelId: entry.modelId,
    kind: 'chat',
  });
  const model = `${entry.providerId}/${entry.modelId}`;
  if (!name.letter) return model;
  return name.modelId ? `${name.letter} (${model})` : name.label;
}

function VoteSummary({ deciding, vote }: { deciding: Deciding; vote: VoteView }) {
  const byPane = new Map(vote.entries.map((e) => [e.paneId, e]));
  // Within a place, as the panes stand (letter order in blind mode).
  const named = (ids: string[]) =>
    deciding.order(ids.map((id) => ({ id }))).flatMap(({ id }) => {
      const e = byPane.get(id);
      return e ? [votedName(deciding, e)] : [];
    });
  const text =
    vote.kind === 'tie'
      ? `a tie between ${named(vote.entries.map((e) => e.paneId)).join(', ')}`
      : places(vote)
          .map((p) => `${ordinal(p.rank)} ${named(p.paneIds).join(', ')}`)
          .join(' · ');
  return (
    <p className="vote-summary" data-testid="vote-summary">
      Your vote: {text}
    </p>
  );
}

function RankingEditor({
  deciding,
  initial,
  onCast,
  onCancel,
}: {
  deciding: Deciding;
  initial: PaneDetail[];
  onCast: (paneIds: string[]) => void;
  onCancel: () => void;
}) {
  const [order, setOrder] = useState(initial);
  const [moved, setMoved] = useState('');
  const move = (index: number, delta: -1 | 1) => {
    const next = moveItem(order, index, delta);
    if (next[index] === order[index]) return;
    setOrder(next);
    setMoved(`${shortName(deciding, order[index]!)} moved to ${ordinal(index + delta + 1)}.`);
  };
  return (
    <div className="ranking" role="group" aria-label="Rank every answer, best first">
      <ol>
        {order.map((pane, i) => {
          const name = shortName(deciding, pane);
          return (
            <li key={pane.id} data-testid="ranking-item">
              <span className="ranking-place" aria-hidden>
                {ordinal(i + 1)}
              </span>
              <span className="ranking-name">{name}</span>
              {/* aria-disabled, not disabled: the button just pressed keeps focus at either end. */}
              <button
                type="button"
                className="icon"
                aria-label={`Move ${name} up`}
                aria-disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Move ${name} down`}
                aria-disabled={i === order.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" role="status">
        {moved}
      </p>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={deciding.casting}
          onClick={() => onCast(order.map((p) => p.id))}
        >
          Cast ranking
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The vote on the latest turn: the best answer, a ranking of all, or a tie; then its winner. */
export function VoteBar({
  deciding,
  onContinue,
}: {
  deciding: Deciding;
  /** "Continue with the winner" in the composer: it wants the prompt box focused. */
  onContinue: () => void;
}) {
  const titleId = useId();
  const [ranking, setRanking] = useState<PaneDetail[] | null>(null);
  const { votable, vote, winner } = deciding;
  if (!votable) return null;
  const candidates = deciding.order(votable);
  const ids = candidates.map((p) => p.id);
  const startRanking = () => {
    const byId = new Map(candidates.map((p) => [p.id, p]));
    const previous =
      vote?.kind === 'ranking'
        ? vote.entries.flatMap((e) => (byId.has(e.paneId) ? [byId.get(e.paneId)!] : []))
        : [];
    setRanking(previous.length === candidates.length ? previous : candidates);
  };
  const bestNow = vote?.kind === 'best' ? winner?.id : undefined;
  const winnerName = winner ? deciding.nameOf(winner) : null;

  return (
    <section className="vote-bar" aria-labelledby={titleId} data-testid="vote-bar">
      <div className="vote-head">
        <h2 id={titleId}>Which answer is best?</h2>
        {vote ? (
          <VoteSummary deciding={deciding} vote={vote} />
        ) : (
          <p className="muted">
            {deciding.hidden
              ? 'Vote to reveal the models: pick the best, rank them all, or call it a tie.'
              : 'Pick the best, rank them all, or call it a tie.'}
          </p>
        )}
      </div>
      <div className="vote-actions" role="group" aria-label="Vote">
        {candidates.map((pane) => (
          <button
            key={pane.id}
            type="button"
            aria-pressed={bestNow === pane.id}
            disabled={deciding.casting}
            onClick={() => {
              setRanking(null);
              deciding.cast('best', [pane.id]);
            }}
          >
            {shortName(deciding, pane)} is best
          </button>
        ))}
        <button
          type="button"
          aria-expanded={ranking !== null}
          aria-pressed={vote?.kind === 'ranking'}
          onClick={() => (ranking ? setRanking(null) : startRanking())}
        >
          Rank all…
        </button>
        <button
          type="button"
          aria-pressed={vote?.kind === 'tie'}
          disabled={deciding.casting}
          onClick={() => {
            setRanking(null);
            deciding.cast('tie', ids);
          }}
        >
          Tie
        </button>
      </div>
      {ranking ? (
        <RankingEditor
          // A new turn starts a new ranking.
          key={ids.join()}
          deciding={deciding}
          initial={ranking}
          onCast={(order) => {
            deciding.cast('ranking', order);
            setRanking(null);
          }}
          onCancel={() => setRanking(null)}
        />
      ) : null}
      {deciding.voteError ? (
        <p className="error-text" role="alert">
          {deciding.voteError.message} {deciding.voteError.hint}
        </p>
      ) : null}
      {winner && winnerName ? (
        <div className="winner" role="group" aria-label="Continue with the winner">
          <span>
            Continue with the winner, <strong>{winnerName.label}</strong>:
          </span>
          <button
            type="button"
            aria-pressed={deciding.solo?.id === winner.id}
            onClick={() => {
              deciding.setSolo(winner.id);
              onContinue();
            }}
          >
            Send the next prompt to it only
          </button>
          <button
            type="button"
            disabled={deciding.forking}
            onClick={() => deciding.fork(winner.id)}
          >
            {deciding.forking ? 'Forking…' : 'Fork a new session from it'}
          </button>
          {deciding.forkError ? (
            <p className="error-text" role="alert">
              {deciding.forkError.message} {deciding.forkError.hint}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
