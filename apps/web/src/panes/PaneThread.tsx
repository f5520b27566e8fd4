import type { MessageView, PaneDetail } from '@mlb/contracts';

import { Markdown } from './Markdown';
import type { Turn } from './turns';

/**
 * An earlier message of a pane's thread. A prompt broadcast to several panes is shown once, above
 * the panes: here it is only a marker where its turn starts. A prompt this pane got alone is
 * shown whole; a summary's long instruction (with the answers it read) is folded.
 */
export function PriorMessage({
  message,
  pane,
  turn,
  first,
}: {
  message: MessageView;
  pane: PaneDetail;
  turn: Turn | undefined;
  /** The thread's first message: a turn marker there would mark nothing. */
  first: boolean;
}) {
  if (message.role === 'assistant') {
    return (
      <div className="msg assistant prior">
        <Markdown text={message.content} />
        {message.status !== 'complete' ? <span className="tag">{message.status}</span> : null}
      </div>
    );
  }
  if (message.role === 'user' && turn) {
    if (first) return null;
    return (
      <div className="turn-marker" data-testid="turn-marker" title={turn.prompt}>
        Prompt {turn.number}
      </div>
    );
  }
  if (message.role === 'user' && pane.kind === 'summary') {
    return (
      <details className="msg user compact" data-testid="summary-instruction">
        <summary>Summary instruction and the answers it read</summary>
        <div className="compact-body">{message.content}</div>
      </details>
    );
  }
  return (
    <div className={`msg ${message.role}`} data-testid={`pane-${message.role}-message`}>
      {message.role === 'context' ? <span className="msg-label">Context</span> : null}
      {message.content}
    </div>
  );
}
