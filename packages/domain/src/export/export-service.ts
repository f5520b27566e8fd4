import {
  LIMITS,
  sessionExportSchema,
  type SessionExport,
  type SessionExportFile,
  type SessionExportInput,
  type SessionForkInput,
  type SessionForkResult,
  type SessionImportInput,
  type SessionSummary,
} from '@mlb/contracts';

import { compareView } from '../compare/compare-view';
import type { DomainContext } from '../context';
import { DomainError, notFound } from '../errors';
import { getSession } from '../session-service';
import { sessionMarkdown } from './export-markdown';
import { sessionCopy } from './session-copy';
import { sessionDocument } from './session-document';

/** A file name from the title: letters, digits and dashes. */
function fileName(title: string, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${slug || 'session'}.${extension}`;
}

async function sessionParts(ctx: DomainContext, sessionId: string) {
  const session = await getSession(ctx, sessionId);
  const [broadcasts, votes] = await Promise.all([
    ctx.db.broadcasts.listBySession(sessionId),
    ctx.db.votes.listBySession(sessionId),
  ]);
  return { session, broadcasts, votes };
}

/** The session as a file: Markdown to read, or JSON that sessions.import reads back. */
export async function exportSession(
  ctx: DomainContext,
  input: SessionExportInput,
): Promise<SessionExportFile> {
  const { session, broadcasts, votes } = await sessionParts(ctx, input.sessionId);
  if (input.format === 'json')
    return {
      format: 'json',
      filename: fileName(session.title, 'json'),
      mimeType: 'application/json',
      content: JSON.stringify(sessionDocument(session, broadcasts, votes)),
    };
  return {
    format: 'markdown',
    filename: fileName(session.title, 'md'),
    mimeType: 'text/markdown',
    content: sessionMarkdown(session, compareView(session, broadcasts, votes)),
  };
}

const READ_EXPORT = 'Choose a file made by sessions.export with format "json", unchanged.';

/** Reads a JSON export into a new session: new ids for everything, nothing shared with the original. */
export async function importSession(
  ctx: DomainContext,
  input: SessionImportInput,
): Promise<SessionSummary> {
  let raw: unknown;
  try {
    raw = JSON.parse(input.json);
  } catch (error) {
    throw new DomainError(
      'BAD_REQUEST',
      `The session export is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      READ_EXPORT,
    );
  }
  const parsed = sessionExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    const more = parsed.error.issues.length - issues.length;
    throw new DomainError(
      'BAD_REQUEST',
      `This is not a session export the workspace can read: ${issues.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
      READ_EXPORT,
    );
  }
  const doc: SessionExport = parsed.data;
  const { copy, dangling } = sessionCopy(doc, { dangling: 'report' });
  if (dangling.length > 0) {
    const shown = dangling.slice(0, 5).map((d) => `${d.path}: ${d.message}`);
    throw new DomainError(
      'BAD_REQUEST',
      `The session export refers to what it does not hold: ${shown.join('; ')}${dangling.length > 5 ? `; and ${dangling.length - 5} more` : ''}.`,
      READ_EXPORT,
    );
  }
  const summary = await ctx.db.sessions.insertCopy(copy);
  ctx.logger.info(
    { sessionId: summary.id, panes: copy.panes.length, messages: copy.messages.length },
    'session imported',
  );
  return summary;
}

/** A new session that starts with one pane's thread (its model, settings and messages). */
export async function forkSession(
  ctx: DomainContext,
  input: SessionForkInput,
): Promise<SessionForkResult> {
  const pane = await ctx.db.panes.get(input.paneId);
  if (!pane)
    throw notFound('Pane', input.paneId, 'Reload the session: the pane may have been deleted.');
  const { session, broadcasts } = await sessionParts(ctx, pane.sessionId);
  const doc = sessionDocument(session, broadcasts, [], { paneIds: [pane.id] });
  // The answer streaming now stays in the original; the fork starts from what has ended.
  for (const p of doc.panes) {
    p.messages = p.messages.filter((m) => m.status !== 'streaming');
    p.position = 0;
  }
  const title = input.title ?? `${session.title} (fork)`.slice(0, LIMITS.titleMaxChars);
  const { copy } = sessionCopy(doc, { title, dangling: 'drop' });
  const summary = await ctx.db.sessions.insertCopy({
    ...copy,
    session: { ...copy.session, createdAt: new Date() },
  });
  return { session: summary, paneId: copy.panes[0]!.id };
}
