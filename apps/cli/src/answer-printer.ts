import type { MeterEvent, PaneEvent } from '@mlb/contracts';

type Metrics = MeterEvent['data'];

interface Answer {
  label: string;
  /** Characters of the answer already printed. */
  printed: number;
  ended: boolean;
  metrics: Metrics | null;
}

/**
 * Prints the answers of one broadcast as their events arrive: every character once, each run of
 * text under its pane's label, errors with their suggestion. A snapshot (a subscriber the event
 * log could not replay to) carries the text so far and, for an ended answer, its end and metrics,
 * so the printer never waits for an event that will not come.
 */
export class AnswerPrinter {
  private readonly answers = new Map<string, Answer>();
  private current: string | null = null;

  constructor(
    answers: { messageId: string; label: string }[],
    private readonly write: (text: string) => void,
  ) {
    for (const { messageId, label } of answers)
      this.answers.set(messageId, { label, printed: 0, ended: false, metrics: null });
  }

  /** True once every answer has ended (with its metrics when the server has them). */
  get done(): boolean {
    return [...this.answers.values()].every((a) => a.ended);
  }

  /** Each answer's label and metrics, in broadcast order. */
  metrics(): { label: string; metrics: Metrics | null }[] {
    return [...this.answers.values()].map(({ label, metrics }) => ({ label, metrics }));
  }

  apply(event: PaneEvent): void {
    const answer = this.answers.get(event.messageId);
    if (!answer) return;
    switch (event.type) {
      case 'token':
        this.print(event.messageId, answer, event.data.token);
        break;
      case 'status':
        if (event.data.content !== undefined)
          this.print(event.messageId, answer, event.data.content.slice(answer.printed));
        if (event.data.end) {
          const { error, metrics } = event.data.end;
          if (error) this.printError(answer, error);
          answer.metrics = metrics;
          answer.ended = true;
        }
        break;
      case 'final':
        this.print(event.messageId, answer, event.data.content.slice(answer.printed));
        break;
      case 'error':
        this.printError(answer, event.data);
        break;
      case 'meter':
        // The last event of an answer, after its final.
        answer.metrics = event.data;
        answer.ended = true;
        break;
    }
  }

  private print(messageId: string, answer: Answer, text: string): void {
    if (text === '') return;
    if (this.current !== messageId) this.write(`\n[${answer.label}] `);
    this.current = messageId;
    this.write(text);
    answer.printed += text.length;
  }

  private printError(answer: Answer, error: { kind: string; message: string; suggestion: string }) {
    this.write(
      `\n[${answer.label}] error (${error.kind}): ${error.message} — ${error.suggestion}\n`,
    );
    this.current = null;
  }
}

/** The per-model table printed at the end. */
export function metricsTable(rows: { label: string; metrics: Metrics | null }[]): string {
  const lines = [
    'model                               in     out    cost($)   ttft(ms)  tok/s   latency(ms)',
  ];
  for (const { label, metrics: m } of rows) {
    if (!m) {
      lines.push(`${label.padEnd(34)} (no metrics)`);
      continue;
    }
    const mark = m.estimated ? '~' : ' ';
    lines.push(
      `${label.padEnd(34)} ${`${mark}${m.inputTokens}`.padStart(5)} ${`${mark}${m.outputTokens}`.padStart(6)} ${(m.cost === null ? '-' : mark + m.cost.toFixed(6)).padStart(10)} ${String(m.ttftMs ?? '-').padStart(9)} ${(m.tokensPerSecond?.toFixed(1) ?? '-').padStart(6)} ${String(m.latencyMs).padStart(11)}`,
    );
  }
  if (rows.some((r) => r.metrics?.estimated))
    lines.push(
      '~ estimated: the provider reported no usage (stopped or cut off); counted from the text',
    );
  return lines.join('\n');
}
