import {
  compareTableMarkdown,
  formatUsd,
  FUSE_TEMPLATE_LABELS,
  type CompareView,
  type MessageView,
  type PaneView,
  type SessionDetail,
} from '@mlb/contracts';

const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');

const nameOf = (pane: Pick<PaneView, 'providerId' | 'modelId'>) =>
  `${pane.providerId} / ${pane.modelId}`;

/** A fused answer with the legend of its source labels, and which paragraphs cite which. */
function fusion(pane: PaneView, prompt: MessageView | undefined, answer: MessageView): string {
  const request = prompt?.fuse;
  const title = request ? FUSE_TEMPLATE_LABELS[request.template] : 'Summary';
  const lines = [`### ${title}: ${nameOf(pane)}`, '', answer.content.trim() || '_(no text)_'];
  if (request && request.sources.length > 0) {
    const cited = new Map<string, number[]>();
    for (const c of answer.citations ?? [])
      for (const label of c.labels)
        cited.set(label, [...(cited.get(label) ?? []), c.paragraph + 1]);
    lines.push('', '**Sources**', '');
    for (const s of request.sources) {
      const where = cited.get(s.label);
      lines.push(
        `- [${s.label}] ${nameOf(s)}${where ? ` — cited in paragraph${where.length > 1 ? 's' : ''} ${where.join(', ')}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * A session as Markdown to read: per turn the prompt, a table of the answers' metrics side by side
 * (best values in bold), each answer in full, and the fusions made from the turn with their
 * sources. Fusions of answers from no listed turn come last.
 */
export function sessionMarkdown(
  session: SessionDetail,
  view: CompareView,
  now = new Date(),
): string {
  const paneById = new Map(session.panes.map((p) => [p.id, p]));
  const fusionOf = (paneId: string, messageId: string) => {
    const pane = paneById.get(paneId);
    if (!pane) return null;
    const index = pane.messages.findIndex((m) => m.id === messageId);
    const prompt = pane.messages.slice(0, index).findLast((m) => m.role === 'user');
    return fusion(pane, prompt, pane.messages[index]!);
  };
  const shown = new Set<string>();
  const out: string[] = [
    `# ${session.title}`,
    '',
    `Exported from the Broadcast Workspace on ${now.toISOString().slice(0, 10)}: ${view.turns.length} turn${view.turns.length === 1 ? '' : 's'}, ${session.panes.length} pane${session.panes.length === 1 ? '' : 's'}, ${formatUsd(session.totals.cost)} in all.`,
  ];
  view.turns.forEach((turn, i) => {
    out.push('', `## Turn ${i + 1}`, '', quote(turn.prompt), '', compareTableMarkdown(turn));
    for (const answer of turn.answers) {
      out.push('', `### ${nameOf(answer)}`, '', answer.content.trim() || '_(no text)_');
      if (answer.error) out.push('', `_${answer.error.message}_`);
    }
    for (const f of turn.fusions) {
      const text = fusionOf(f.paneId, f.messageId);
      if (text && !shown.has(f.messageId)) {
        shown.add(f.messageId);
        out.push('', text);
      }
    }
  });
  const others = session.panes.flatMap((pane) =>
    pane.kind === 'summary'
      ? pane.messages
          .filter((m) => m.role === 'assistant' && !shown.has(m.id))
          .map((m) => fusionOf(pane.id, m.id))
      : [],
  );
  if (others.length > 0)
    out.push('', '## Fusions', '', ...others.flatMap((text) => (text ? [text, ''] : [])));
  return `${out.join('\n').trimEnd()}\n`;
}
