import type { MessageView, PaneDetail } from '@mlb/contracts';

import { FuseRequestView } from '../fuse/FuseRequestView';
import type { NameOf } from '../provenance/citations';
import { CitedAnswer } from '../provenance/CitedAnswer';
import { answerElementId } from '../provenance/focus-answer';
import { SentFrom } from '../provenance/SentFrom';
import { useAnswerMask } from '../votes/answer-mask';
import { Markdown } from './Markdown';
import type { Turn } from './turns';

/**
 * An earlier message of a pane's thread. A prompt broadcast to several panes is shown once, above
 * the panes: here it is only a marker where its turn starts. A prompt this pane got alone is
 * shown whole; a fusion's request is shown compactly (template and sources), and a message sent
 * from another pane says which.
 */
export function PriorMessage({
  message,
  pane,
  turn,
  first,
  panes,
  nameOf,
}: {
  message: MessageView;
  pane: PaneDetail;
  turn: Turn | undefined;
  /** The thread's first message: a turn marker there would mark nothing. */
  first: boolean;
  /** The session's other panes: where cited and sent answers came from. */
  panes: readonly PaneDetail[];
  /** How the workspace names panes now (blind mode: letters). */
  nameOf?: NameOf | undefined;
}) {
  const mask = useAnswerMask();
  const from = message.source ? (
    <SentFrom source={message.source} panes={panes} nameOf={nameOf} />
  ) : null;
  if (message.role === 'assistant') {
    return (
      <div className="msg assistant prior" id={answerElementId(message.id)} tabIndex={-1}>
        {message.citations?.length ? (
          <CitedAnswer
            content={message.content}
            citations={message.citations}
            panes={panes}
            nameOf={nameOf}
          />
        ) : (
          <Markdown text={mask(message.content)} />
        )}
        {message.status !== 'complete' ? <span className="tag">{message.status}</span> : null}
      </div>
    );
  }
  if (message.role === 'user' && turn) {
    if (first) return from;
    return (
      <>
        <div className="turn-marker" data-testid="turn-marker" title={turn.prompt}>
          Prompt {turn.number}
        </div>
        {from}
      </>
    );
  }
  if (message.role === 'user' && message.fuse)
    return <FuseRequestView message={message} fuse={message.fuse} panes={panes} nameOf={nameOf} />;
  if (message.role === 'user' && pane.kind === 'summary') {
    return (
      <details className="msg user compact" data-testid="summary-instruction">
        <summary>Summary instruction and the answers it read</summary>
        <div className="compact-body">{message.content}</div>
      </details>
    );
  }
  return (
    <>
      {from}
      <div className={`msg ${message.role}`} data-testid={`pane-${message.role}-message`}>
        {message.role === 'context' ? <span className="msg-label">Context</span> : null}
        {message.content}
      </div>
    </>
  );
}
