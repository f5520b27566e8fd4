import { randomUUID } from 'node:crypto';

import type { Citation, FuseRequest, MessageSource, SessionExport } from '@mlb/contracts';
import type { SessionCopy } from '@mlb/db';

/** A reference in the document that points at nothing in it. */
export interface Dangling {
  path: string;
  message: string;
}

/**
 * A session document as rows to insert, every id new (nothing is shared with where it came from)
 * and every reference mapped to the new ids, those inside citations and fusion requests too.
 * References to what the document does not hold are reported with their path (an import refuses
 * them) or dropped (a fork copies one pane: its provenance and citations may point at panes left
 * behind). An answer still streaming is copied as interrupted: nothing will finish it there.
 */
export function sessionCopy(
  doc: SessionExport,
  options: { title?: string; dangling: 'report' | 'drop'; now?: Date },
): { copy: SessionCopy; dangling: Dangling[] } {
  const dangling: Dangling[] = [];
  const ids = {
    pane: new Map<string, string>(),
    message: new Map<string, string>(),
    broadcast: new Map<string, string>(),
  };
  const claim = (kind: keyof typeof ids, id: string, path: string) => {
    if (ids[kind].has(id))
      dangling.push({ path, message: `the ${kind} id "${id}" is used twice.` });
    else ids[kind].set(id, randomUUID());
  };
  doc.panes.forEach((pane, p) => {
    claim('pane', pane.id, `panes.${p}.id`);
    pane.messages.forEach((m, i) => claim('message', m.id, `panes.${p}.messages.${i}.id`));
  });
  doc.broadcasts.forEach((b, i) => claim('broadcast', b.id, `broadcasts.${i}.id`));
  const positions = new Set<number>();
  doc.panes.forEach((pane, p) => {
    if (positions.has(pane.position))
      dangling.push({
        path: `panes.${p}.position`,
        message: `position ${pane.position} is taken by another pane.`,
      });
    positions.add(pane.position);
  });

  /** The new id of a reference, or undefined (reported at `path`) when the document lacks it. */
  const mapped = (kind: keyof typeof ids, id: string, path: string): string | undefined => {
    const to = ids[kind].get(id);
    if (to === undefined)
      dangling.push({ path, message: `"${id}" is not a ${kind} of this file.` });
    return to;
  };

  const sessionId = randomUUID();
  const copy: SessionCopy = {
    copiedAt: options.now ?? new Date(),
    session: {
      id: sessionId,
      title: options.title ?? doc.session.title,
      createdAt: new Date(doc.session.createdAt),
      budgetUsd: doc.session.budgetUsd,
    },
    panes: [],
    broadcasts: doc.broadcasts.map((b) => ({
      id: ids.broadcast.get(b.id)!,
      prompt: b.prompt,
      kind: b.kind,
      budgetUsd: b.budgetUsd,
      createdAt: new Date(b.createdAt),
    })),
    messages: [],
    votes: [],
  };

  doc.panes.forEach((pane, p) => {
    const paneId = ids.pane.get(pane.id)!;
    copy.panes.push({
      id: paneId,
      sessionId,
      providerId: pane.providerId,
      modelId: pane.modelId,
      kind: pane.kind,
      params: pane.params,
      systemPrompt: pane.systemPrompt,
      position: pane.position,
      createdAt: new Date(pane.createdAt),
    });
    pane.messages.forEach((m, i) => {
      const at = `panes.${p}.messages.${i}`;
      const broadcastId =
        m.broadcastId === null
          ? null
          : (mapped('broadcast', m.broadcastId, `${at}.broadcastId`) ?? null);
      const source = m.source && mapSource(m.source, `${at}.source`);
      copy.messages.push({
        id: ids.message.get(m.id)!,
        paneId,
        broadcastId,
        role: m.role,
        content: m.content,
        status: m.status === 'streaming' ? 'interrupted' : m.status,
        endReason: m.status === 'streaming' ? 'interrupted' : m.endReason,
        finishReason: m.finishReason,
        error: m.error && { ...m.error, retryable: false },
        metrics: m.metrics && { ...m.metrics, providerId: pane.providerId, modelId: pane.modelId },
        source: source ?? null,
        citations: m.citations && mapCitations(m.citations, `${at}.citations`),
        fuse: m.fuse && mapFuse(m.fuse, `${at}.fuse`),
        createdAt: new Date(m.createdAt),
      });
    });
  });

  const panesById = new Map(doc.panes.map((p) => [p.id, p]));
  const voted = new Set<string>();
  doc.votes.forEach((vote, v) => {
    const broadcastId = mapped('broadcast', vote.broadcastId, `votes.${v}.broadcastId`);
    if (broadcastId && voted.has(broadcastId))
      dangling.push({
        path: `votes.${v}.broadcastId`,
        message: 'a turn has one vote; this one is its second.',
      });
    const entries = vote.entries.flatMap((e, i) => {
      const paneId = mapped('pane', e.paneId, `votes.${v}.entries.${i}.paneId`);
      const pane = panesById.get(e.paneId);
      return paneId && pane
        ? [{ paneId, providerId: pane.providerId, modelId: pane.modelId, rank: e.rank }]
        : [];
    });
    if (!broadcastId || entries.length < 2 || voted.has(broadcastId)) return;
    voted.add(broadcastId);
    copy.votes.push({
      id: randomUUID(),
      broadcastId,
      kind: vote.kind,
      createdAt: new Date(vote.createdAt),
      entries,
    });
  });

  function mapSource(source: MessageSource, path: string): MessageSource | undefined {
    const paneId = mapped('pane', source.paneId, `${path}.paneId`);
    if (!paneId) return undefined;
    const messageId =
      source.messageId === null
        ? null
        : (mapped('message', source.messageId, `${path}.messageId`) ?? null);
    return { paneId, messageId };
  }

  function mapRef(ref: { paneId: string; messageId: string }, path: string) {
    const paneId = mapped('pane', ref.paneId, `${path}.paneId`);
    const messageId = mapped('message', ref.messageId, `${path}.messageId`);
    return paneId && messageId ? { paneId, messageId } : undefined;
  }

  function mapCitations(citations: Citation[], path: string): Citation[] {
    return citations.map((c, i) => ({
      ...c,
      sources: c.sources.flatMap((s, j) => mapRef(s, `${path}.${i}.sources.${j}`) ?? []),
    }));
  }

  function mapFuse(request: FuseRequest, path: string): FuseRequest {
    return {
      ...request,
      sources: request.sources.flatMap((s, i) => {
        const ref = mapRef(s, `${path}.sources.${i}`);
        return ref ? [{ ...s, ...ref }] : [];
      }),
    };
  }

  return { copy, dangling: options.dangling === 'report' ? dangling : [] };
}
