import type { CompareView } from '@mlb/contracts';

import type { DomainContext } from '../context';
import { getSession } from '../session-service';
import { compareView } from './compare-view';

/** The session's turns side by side, with the text of answers still streaming. */
export async function getCompare(ctx: DomainContext, sessionId: string): Promise<CompareView> {
  const session = await getSession(ctx, sessionId);
  const [broadcasts, votes] = await Promise.all([
    ctx.db.broadcasts.listBySession(sessionId),
    ctx.db.votes.listBySession(sessionId),
  ]);
  return compareView(session, broadcasts, votes);
}
