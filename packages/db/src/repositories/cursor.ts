/** Opaque page cursor: the last item's (updatedAt, id), the list's sort key, so pages never skip or repeat. */
export interface SessionCursor {
  updatedAt: Date;
  id: string;
}

export function encodeCursor(cursor: SessionCursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`).toString('base64url');
}

/** Null for anything that is not a cursor this module made (the list then starts at the top). */
export function decodeCursor(raw: string): SessionCursor | null {
  const [iso, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const updatedAt = new Date(iso ?? '');
  return id && rest.length === 0 && !Number.isNaN(updatedAt.getTime()) ? { updatedAt, id } : null;
}
