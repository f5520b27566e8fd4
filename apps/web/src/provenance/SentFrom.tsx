import type { MessageSource, PaneDetail } from '@mlb/contracts';

import { paneName } from './citations';
import { SourceLink } from './SourceLink';

import './provenance.css';

/** Where a sent message came from: "From litellm / gpt-4o-mini", linking to that pane's answer. */
export function SentFrom({
  source,
  panes,
}: {
  source: MessageSource;
  panes: readonly PaneDetail[];
}) {
  const from = panes.find((p) => p.id === source.paneId);
  return (
    <span className="sent-from" data-testid="sent-from">
      {from ? (
        <SourceLink paneId={from.id} messageId={source.messageId}>
          From {paneName(from)}
        </SourceLink>
      ) : (
        'From another pane'
      )}
      {source.messageId === null ? ' (a selection)' : null}
    </span>
  );
}
