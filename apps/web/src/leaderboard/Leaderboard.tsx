import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import type { LeaderboardEntry } from '@mlb/contracts';

import { plural } from '../format';
import { useTRPC } from '../trpc';
import { Dialog } from '../ui/Dialog';

import './leaderboard.css';

const record = (e: LeaderboardEntry) => `${e.wins}–${e.losses}–${e.ties}`;

function LeaderboardTable({ entries }: { entries: LeaderboardEntry[] }) {
  return (
    <div className="leaderboard-wrap" role="region" aria-label="Models ranked" tabIndex={0}>
      <table className="leaderboard">
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Model</th>
            <th scope="col" title="Bradley–Terry rating: a 400-point gap means 10:1 odds">
              Score
            </th>
            <th scope="col">Votes</th>
            <th scope="col" title="Pairwise outcomes from those votes: won–lost–tied">
              W–L–T
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.providerId}/${e.modelId}`} data-testid="leaderboard-row">
              <td>{e.rank}</td>
              <th scope="row">
                {e.providerId}/{e.modelId}
              </th>
              <td title={`Strength ${e.strength.toPrecision(3)}`}>{Math.round(e.rating)}</td>
              <td>{e.votes}</td>
              <td>{record(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The user's models ranked from every vote in every session. */
export function LeaderboardDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const board = useQuery(trpc.leaderboard.get.queryOptions());
  return (
    <Dialog title="Leaderboard" className="leaderboard-dialog" onClose={onClose}>
      {board.isLoading ? <p className="muted">Loading the leaderboard…</p> : null}
      {board.error ? (
        <p className="error-text" role="alert">
          Could not load the leaderboard. Try again in a moment.
        </p>
      ) : null}
      {board.data && board.data.entries.length === 0 ? (
        <p className="muted" data-testid="leaderboard-empty">
          No votes yet. Vote on a turn’s answers (best, a ranking or a tie) and your models are
          ranked here.
        </p>
      ) : null}
      {board.data && board.data.entries.length > 0 ? (
        <>
          <p className="muted" data-testid="leaderboard-total">
            Bradley–Terry ratings from {plural(board.data.votes, 'vote')} across all sessions.
          </p>
          <LeaderboardTable entries={board.data.entries} />
        </>
      ) : null}
      <div className="row dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** The top bar's button that opens the leaderboard. */
export function LeaderboardButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Leaderboard
      </button>
      {open ? <LeaderboardDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
