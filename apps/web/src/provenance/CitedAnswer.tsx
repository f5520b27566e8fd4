import { useMemo } from 'react';

import type { Citation, FuseSource, PaneDetail } from '@mlb/contracts';

import { Markdown } from '../panes/Markdown';
import { citationSources, citedSegments, withoutTrailingMarkers, type NameOf } from './citations';
import { SourceLink } from './SourceLink';

import './provenance.css';

/** One cited paragraph's sources, as links to the answers they name. */
function CitationChips({
  citation,
  panes,
  fuseSources,
  nameOf,
}: {
  citation: Citation;
  panes: readonly PaneDetail[];
  fuseSources: readonly FuseSource[];
  nameOf: NameOf | undefined;
}) {
  const refs = citationSources(citation, panes, fuseSources, nameOf);
  return (
    <span className="citation-chips" data-testid="citations">
      {refs.map((r) => {
        const name = `Source ${r.label}${r.name ? `: ${r.name}` : ''}`;
        return r.paneId ? (
          <SourceLink
            key={r.label}
            paneId={r.paneId}
            messageId={r.messageId || null}
            label={name}
            className="citation-chip"
          >
            {r.label}
          </SourceLink>
        ) : (
          <span key={r.label} className="citation-chip" title={name}>
            {r.label}
          </span>
        );
      })}
    </span>
  );
}

/**
 * A fused answer with its citations: each cited paragraph carries chips linking to the answers
 * it came from (the trailing "[A, C]" the model wrote is shown as those chips instead).
 */
export function CitedAnswer({
  content,
  citations,
  panes,
  fuseSources = [],
  nameOf,
}: {
  content: string;
  citations: readonly Citation[];
  /** The session's panes: where the sources are. */
  panes: readonly PaneDetail[];
  fuseSources?: readonly FuseSource[] | undefined;
  /** How the workspace names panes now (blind mode: letters). */
  nameOf?: NameOf | undefined;
}) {
  const segments = useMemo(() => citedSegments(content, citations), [content, citations]);
  return (
    <div className="cited-answer">
      {segments.map((s, i) =>
        s.citation ? (
          <div key={s.citation.start} className="cited-paragraph" data-testid="cited-paragraph">
            <Markdown text={withoutTrailingMarkers(s.text)} />
            <CitationChips
              citation={s.citation}
              panes={panes}
              fuseSources={fuseSources}
              nameOf={nameOf}
            />
          </div>
        ) : (
          <Markdown key={`text-${i}`} text={s.text} />
        ),
      )}
    </div>
  );
}
