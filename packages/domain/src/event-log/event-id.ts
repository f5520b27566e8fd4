/**
 * Event ids are `<epoch>-<seq>` where epoch names this server process and seq grows by one per
 * published event. Snapshot events (state sent to a late or resuming subscriber) reuse the seq they
 * describe with a `-s<n>` suffix: unique for client-side dedupe, and resuming from them replays
 * exactly the events after the snapshot.
 */
export interface ParsedEventId {
  epoch: string;
  seq: number;
}

export function formatEventId(epoch: string, seq: number, snapshotIndex?: number): string {
  return snapshotIndex === undefined ? `${epoch}-${seq}` : `${epoch}-${seq}-s${snapshotIndex}`;
}

export function parseEventId(id: string | null | undefined): ParsedEventId | null {
  if (!id) return null;
  const match = /^([a-z0-9]+)-(\d+)(?:-s\d+)?$/.exec(id);
  if (!match) return null;
  return { epoch: match[1]!, seq: Number(match[2]) };
}

export function newEpoch(): string {
  return Date.now().toString(36) + Math.floor(Math.random() * 36 ** 4).toString(36);
}
