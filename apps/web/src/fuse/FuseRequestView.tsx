import type { FuseRequest, MessageView } from '@mlb/contracts';

import { describeFuseRequest } from './fuse-request';

import './fuse.css';

/**
 * What a fusion was asked, in one line (template and the panes it read); the full prompt it sent,
 * the instruction with every answer pasted in, stays folded.
 */
export function FuseRequestView({ message, fuse }: { message: MessageView; fuse: FuseRequest }) {
  return (
    <div className="msg user fuse-request" data-testid="fuse-request">
      <span className="fuse-request-line">{describeFuseRequest(fuse)}</span>
      <details className="compact">
        <summary>Full request</summary>
        <div className="compact-body">{message.content}</div>
      </details>
    </div>
  );
}
