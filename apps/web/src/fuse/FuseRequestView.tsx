import type { FuseRequest, MessageView, PaneDetail } from '@mlb/contracts';

import { sourceName, type NameOf } from '../provenance/citations';
import { describeFuseRequest } from './fuse-request';

import './fuse.css';

/**
 * What a fusion was asked, in one line (template and the panes it read); the full prompt it sent,
 * the instruction with every answer pasted in, stays folded.
 */
export function FuseRequestView({
  message,
  fuse,
  panes,
  nameOf,
}: {
  message: MessageView;
  fuse: FuseRequest;
  panes: readonly PaneDetail[];
  nameOf?: NameOf;
}) {
  const line = describeFuseRequest(
    fuse,
    (s) => sourceName(s.paneId, panes, nameOf, s) ?? `${s.providerId} / ${s.modelId}`,
  );
  return (
    <div className="msg user fuse-request" data-testid="fuse-request">
      <span className="fuse-request-line">{line}</span>
      <details className="compact">
        <summary>Full request</summary>
        <div className="compact-body">{message.content}</div>
      </details>
    </div>
  );
}
