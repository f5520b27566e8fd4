import type { FinalEvent, MeterEvent, PaneEvent, StatusEvent, TokenEvent } from '@mlb/contracts';

import type { MemoryEventLog } from '../src/event-log/memory-event-log';

/** An event as a live subscriber received it, with the time (performance.now()) it came. */
export interface SeenEvent {
  at: number;
  event: PaneEvent;
}

type Of<T extends PaneEvent['type']> = Extract<PaneEvent, { type: T }>;

/** Everything the hub publishes for one session from now on, as a subscriber would see it. */
export class CollectedEvents {
  readonly seen: SeenEvent[] = [];
  readonly detach: () => void;

  constructor(hub: MemoryEventLog, sessionId: string) {
    this.detach = hub.listen(sessionId, (entry) => {
      if (entry) this.seen.push({ at: performance.now(), event: entry.event });
    });
  }

  /** The answer's events in order (all of the session's without a message id). */
  of(messageId?: string): SeenEvent[] {
    return this.seen.filter((s) => messageId === undefined || s.event.messageId === messageId);
  }

  types(messageId?: string): PaneEvent['type'][] {
    return this.of(messageId).map((s) => s.event.type);
  }

  private only<T extends PaneEvent['type']>(
    type: T,
    messageId?: string,
  ): { at: number; event: Of<T> }[] {
    return this.of(messageId).filter(
      (s): s is { at: number; event: Of<T> } => s.event.type === type,
    );
  }

  tokens(messageId?: string): { at: number; data: TokenEvent['data'] }[] {
    return this.only('token', messageId).map(({ at, event }) => ({ at, data: event.data }));
  }

  /** The answer's text as a subscriber assembles it from the token events. */
  text(messageId?: string): string {
    return this.tokens(messageId)
      .map((t) => t.data.token)
      .join('');
  }

  statuses(messageId?: string): StatusEvent['data'][] {
    return this.only('status', messageId).map((s) => s.event.data);
  }

  final(messageId?: string): FinalEvent['data'] | undefined {
    return this.only('final', messageId).at(-1)?.event.data;
  }

  meter(messageId?: string): MeterEvent['data'] | undefined {
    return this.only('meter', messageId).at(-1)?.event.data;
  }

  errors(messageId?: string): Of<'error'>['data'][] {
    return this.only('error', messageId).map((s) => s.event.data);
  }
}

export const collectEvents = (hub: MemoryEventLog, sessionId: string) =>
  new CollectedEvents(hub, sessionId);
