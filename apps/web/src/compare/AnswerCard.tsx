import type { CompareAnswer } from '@mlb/contracts';

import { Markdown } from '../panes/Markdown';
import { useLiveStatus, useLiveText } from '../state/live-hooks';
import type { LiveStore } from '../state/live-store';
import { useAnswerMask } from '../votes/answer-mask';
import { statusLabel, type AnswerNaming } from './answer-names';

/**
 * One answer in full. While it streams its text comes from the live store (the saved content is
 * the text at the time of the last fetch), so the compare view grows with the panes.
 */
export function AnswerCard({
  answer,
  store,
  naming,
}: {
  answer: CompareAnswer;
  store: LiveStore;
  naming: AnswerNaming;
}) {
  const live = useLiveStatus(store, answer.paneId);
  const liveText = useLiveText(store, answer.paneId);
  const isLive = live?.messageId === answer.messageId;
  const streaming = isLive ? live.state === 'streaming' || live.state === 'queued' : false;
  const text = isLive && live.hasText ? liveText : answer.content;
  const status = isLive && streaming ? live.state : statusLabel(answer);
  const mask = useAnswerMask();
  const name = naming.nameOf(answer);
  return (
    <article
      className="compare-answer"
      aria-label={`Answer of ${name}`}
      data-pane-id={answer.paneId}
    >
      <header>
        <h3>{name}</h3>
        <span
          className={`compare-status status-${isLive && streaming ? live.state : answer.status}`}
        >
          {status}
        </span>
      </header>
      {answer.error ? (
        <p className="error-text">
          {answer.error.message} {answer.error.suggestion}
        </p>
      ) : null}
      {text ? (
        <Markdown text={mask(text)} streaming={streaming} />
      ) : (
        <p className="muted">{streaming ? 'Waiting for the first token…' : 'No text.'}</p>
      )}
    </article>
  );
}
