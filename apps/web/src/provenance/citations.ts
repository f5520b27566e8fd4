import type { Citation, FuseSource, PaneDetail } from '@mlb/contracts';

/** A stretch of a fused answer: a cited paragraph, or the text between cited paragraphs. */
export interface AnswerSegment {
  text: string;
  citation: Citation | null;
}

/**
 * The labels a cited paragraph ends with ("… [A, C]", "… [A][C]"): the chips beside it say the
 * same, so they are left out of the text shown. Markers inside the paragraph stay where they are.
 */
const TRAILING_MARKERS = /(?:\s*\[[A-Z](?:\s*,\s*[A-Z])*\])+\s*$/;

export function withoutTrailingMarkers(paragraph: string): string {
  const stripped = paragraph.replace(TRAILING_MARKERS, '');
  // A paragraph that is only markers keeps them: an empty paragraph would hide what was cited.
  return stripped.trim() === '' ? paragraph : stripped;
}

/**
 * Splits an answer at its cited paragraphs (citation start/end, in the answer's content), in
 * order. Citations that do not fit the content (overlapping, out of range) are skipped rather
 * than trusted, so the text shown is always the whole answer.
 */
export function citedSegments(content: string, citations: readonly Citation[]): AnswerSegment[] {
  const sorted = [...citations].sort((a, b) => a.start - b.start);
  const segments: AnswerSegment[] = [];
  let at = 0;
  for (const c of sorted) {
    if (c.start < at || c.end <= c.start || c.end > content.length) continue;
    const between = content.slice(at, c.start);
    if (between.trim() !== '') segments.push({ text: between, citation: null });
    segments.push({ text: content.slice(c.start, c.end), citation: c });
    at = c.end;
  }
  const rest = content.slice(at);
  if (rest.trim() !== '') segments.push({ text: rest, citation: null });
  return segments;
}

/** One cited source as a link shows it: its label, where it is and whose answer it was. */
export interface SourceRef {
  label: string;
  paneId: string;
  messageId: string;
  /** "litellm / gpt-4o-mini", or null when neither the session nor the fusion names the pane. */
  name: string | null;
}

export const paneName = (p: { providerId: string; modelId: string }): string =>
  `${p.providerId} / ${p.modelId}`;

/** A session's pane as far as naming it goes. */
export type NamedPane = Pick<PaneDetail, 'id' | 'providerId' | 'modelId'>;
/** How the workspace names a pane now: its model, or in blind mode a letter (see votes/). */
export type NameOf<P extends NamedPane = PaneDetail> = (pane: P) => { label: string };

/** What to call a source pane: as the workspace names it (blind mode hides models), else by model. */
export function sourceName<P extends NamedPane>(
  paneId: string,
  panes: readonly P[],
  nameOf: NameOf<P> | undefined,
  fallback: { providerId: string; modelId: string } | undefined,
): string | null {
  const pane = panes.find((p) => p.id === paneId);
  if (pane) return nameOf ? nameOf(pane).label : paneName(pane);
  return fallback ? paneName(fallback) : null;
}

/**
 * A citation's labels with the answers they stand for. The name comes from the session's pane
 * (the one a click scrolls to), else from the fusion's own record of its sources.
 */
export function citationSources<P extends NamedPane>(
  citation: Citation,
  panes: readonly P[],
  fuseSources: readonly FuseSource[] = [],
  nameOf?: NameOf<P>,
): SourceRef[] {
  return citation.labels.map((label, i) => {
    const recorded = fuseSources.find((s) => s.label === label);
    const source = citation.sources[i] ?? recorded;
    const paneId = source?.paneId ?? '';
    return {
      label,
      paneId,
      messageId: source?.messageId ?? '',
      name: sourceName(paneId, panes, nameOf, recorded),
    };
  });
}
