import type { MessageSource, PaneDetail } from '@mlb/contracts';

import { sourceName, type NameOf } from './citations';
import { SourceLink } from './SourceLink';

import './provenance.css';

/** Where a sent message came from: "From litellm / gpt-4o-mini", linking to that pane's answer. */
export function SentFrom({
  source,
  panes,
  nameOf,
}: {
  source: MessageSource;
  panes: readonly PaneDetail[];
  /** How the workspace names panes now (blind mode: letters). */
  nameOf?: NameOf | undefined;
}) {
  const name = sourceName(source.paneId, panes, nameOf, undefined);
  return (
    <span className="sent-from" data-testid="sent-from">
      {name !== null ? (
        <SourceLink paneId={source.paneId} messageId={source.messageId}>
          From {name}
        </SourceLink>
      ) : (
        'From another pane'
      )}
      {source.messageId === null ? ' (a selection)' : null}
    </span>
  );
}
