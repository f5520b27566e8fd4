import { formatUsd, type CompareAnswer, type CompareTurn } from '@mlb/contracts';

import { byModel, type AnswerNaming } from '../compare/answer-names';
import { useCompare, type TurnViewProps } from '../compare/use-compare';
import { formatMs, formatRate, ordinal } from '../format';
import type { LiveStore } from '../state/live-store';
import type { LiveStatus } from '../state/pane-reducer';
import { finishRanks } from './race-order';
import { useLiveStatuses } from './use-live-statuses';

import './race.css';

const RUNNING = new Set(['queued', 'streaming']);

/** One runner's figures: live ones while its answer streams, else the saved (or just metered) ones. */
interface Lane {
  answer: CompareAnswer;
  running: boolean;
  state: string;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  estimated: boolean;
}

function lane(answer: CompareAnswer, live: LiveStatus | undefined): Lane {
  // The live view is this answer's only when it carries the same message (not an older or newer one).
  const mine = live?.messageId === answer.messageId ? live : undefined;
  const running = mine ? RUNNING.has(mine.state) : RUNNING.has(answer.status);
  const ended = mine?.meter ?? answer.metrics;
  if (running || !ended) {
    const p = mine?.progress;
    return {
      answer,
      running,
      state: mine?.state ?? answer.status,
      ttftMs: p?.ttftMs ?? null,
      tokensPerSecond: p?.tokensPerSecond ?? null,
      costUsd: p?.costUsd ?? null,
      latencyMs: null,
      estimated: false,
    };
  }
  return {
    answer,
    running: false,
    state: mine && mine.state !== 'idle' ? mine.state : answer.status,
    ttftMs: ended.ttftMs,
    tokensPerSecond: ended.tokensPerSecond,
    costUsd: ended.cost,
    latencyMs: ended.latencyMs,
    estimated: ended.estimated,
  };
}

/**
 * The latest turn as a race: per model, time to first token, tokens/s and cost so far, live from
 * the token events' progress while the answers stream, and the finishing order (1st, 2nd…) as
 * they complete. After the turn it stays as the race record from compare.get.
 */
export function RaceStrip({ sessionId, store, naming = byModel }: TurnViewProps) {
  const compare = useCompare(sessionId);
  const turn = compare.data?.turns.at(-1);
  if (!turn || turn.answers.length < 2) return null;
  return <Race turn={turn} store={store} naming={naming} />;
}

function Race({
  turn,
  store,
  naming,
}: {
  turn: CompareTurn;
  store: LiveStore;
  naming: AnswerNaming;
}) {
  const answers = naming.order(turn.answers);
  const statuses = useLiveStatuses(
    store,
    answers.map((a) => a.paneId),
  );
  const lanes = answers.map((a, i) => lane(a, statuses[i]));
  const ranks = finishRanks(
    lanes.map((l) => ({
      paneId: l.answer.paneId,
      complete: l.state === 'complete',
      latencyMs: l.latencyMs,
    })),
  );
  const live = lanes.some((l) => l.running);
  return (
    <section className="race" aria-label="Race" data-live={live || undefined}>
      <h2 className="race-title">{live ? 'Race' : 'Race record'}</h2>
      <ol className="race-lanes">
        {lanes.map((l) => {
          const rank = ranks.get(l.answer.paneId);
          const name = naming.nameOf(l.answer);
          const approx = l.estimated ? '~' : '';
          return (
            <li
              key={l.answer.paneId}
              className="race-lane"
              data-pane-id={l.answer.paneId}
              data-state={l.state}
              data-rank={rank}
              aria-label={name}
            >
              <span className="race-rank" data-testid="race-rank">
                {rank !== undefined ? ordinal(rank) : l.running ? '…' : '—'}
              </span>
              <span className="race-name">{name}</span>
              <span className="race-figures">
                <span data-testid="race-ttft" title="Time to first token">
                  TTFT {formatMs(l.ttftMs)}
                </span>
                <span data-testid="race-rate" title="Output tokens per second">
                  {l.tokensPerSecond === null ? 'speed —' : formatRate(l.tokensPerSecond)}
                </span>
                <span data-testid="race-cost" title={l.running ? 'Cost so far' : 'Cost'}>
                  {l.costUsd === null ? 'cost —' : `${approx}${formatUsd(l.costUsd)}`}
                </span>
                {l.latencyMs !== null ? (
                  <span data-testid="race-latency" title="Latency">
                    in {formatMs(l.latencyMs)}
                  </span>
                ) : null}
              </span>
              {!l.running && l.state !== 'complete' ? (
                <span className="race-state">{l.state}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
