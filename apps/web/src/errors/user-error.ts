/** What the user was doing when a call failed: the words depend on it. */
export type UserAction =
  | 'send'
  | 'open'
  | 'summarize'
  | 'send-to'
  | 'retry'
  | 'stop'
  | 'rename'
  | 'delete'
  | 'vote'
  | 'fork'
  | 'budget';

export interface UserError {
  /** What happened, in the user's words. */
  message: string;
  /** What to do now. */
  hint: string;
  /** The session no longer exists (deleted, or a stale link). */
  sessionGone: boolean;
}

/** The parts of a tRPC client error this reads (the API adds `suggestion` and `fieldErrors`). */
interface ErrorShape {
  message?: unknown;
  data?: {
    code?: unknown;
    suggestion?: unknown;
    fieldErrors?: unknown;
  } | null;
}

export const PROMPT_KEPT = 'Your prompt is still in the box.';

/**
 * API words the user never typed (procedure names, id fields) mark a server text as meant for
 * programmers: it is replaced rather than shown.
 */
const API_TERMS =
  /\b(sessions|broadcast|panes|summarize|models|providers|stats)\.[a-z]\w*|\b[a-z]+Id\b/;
const forUsers = (text: unknown): string | null =>
  typeof text === 'string' && text.trim() !== '' && !API_TERMS.test(text) ? text : null;

const kept = (action: UserAction, hint: string) =>
  action === 'send' ? `${PROMPT_KEPT} ${hint}` : hint;

/** Turns a failed call into a message that says what happened and what to do, never API terms. */
export function describeError(error: unknown, action: UserAction): UserError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const code = typeof shape.data?.code === 'string' ? shape.data.code : null;
  const serverMessage = typeof shape.message === 'string' ? shape.message : '';
  const suggestion = forUsers(shape.data?.suggestion);
  const result = (message: string, hint: string, sessionGone = false): UserError => ({
    message,
    hint: kept(action, hint),
    sessionGone,
  });

  // No code: the call never got an answer (the socket dropped, the server is unreachable).
  if (code === null)
    return result(
      action === 'send'
        ? 'The connection to the workspace dropped before your prompt reached it.'
        : 'The connection to the workspace dropped.',
      action === 'send'
        ? 'Send it again once the connection is back.'
        : 'Try again once the connection is back.',
    );

  switch (code) {
    case 'NOT_FOUND':
      if (/^Pane\b/.test(serverMessage))
        return result(
          'This pane no longer exists: its session may have been deleted.',
          'Reload the page to see the session as it is now.',
        );
      return result(
        'This session no longer exists: it was deleted, or the link is out of date.',
        action === 'send'
          ? 'Send it in a new session.'
          : 'Start a new session, or pick one from the list.',
        true,
      );
    case 'BAD_REQUEST': {
      const missingProvider = /There is no provider "([^"]+)"/.exec(serverMessage);
      if (missingProvider)
        return result(
          `This workspace has no provider “${missingProvider[1]}”, so its models cannot answer.`,
          'Remove those models under Models, then send again.',
        );
      const fields = Array.isArray(shape.data?.fieldErrors)
        ? (shape.data.fieldErrors as { message?: unknown }[])
            .map((f) => forUsers(f.message))
            .filter((m): m is string => m !== null)
        : [];
      if (fields.length > 0) return result(fields.join(' '), 'Change it and try again.');
      return result(
        forUsers(serverMessage) ?? 'The workspace did not accept this.',
        suggestion ?? 'Change it and try again.',
      );
    }
    case 'PRECONDITION_FAILED':
      return result(
        forUsers(serverMessage) ?? 'A chosen model cannot answer right now.',
        suggestion ?? 'Choose other models under Models.',
      );
    case 'CONFLICT':
      // A spent (or about to be crossed) budget: the server's words name which one.
      if (/\bbudget\b/i.test(serverMessage))
        return result(
          forUsers(serverMessage) ?? 'A budget is spent.',
          'Raise or clear it (Budget in the top bar for the session, Settings for the month).',
        );
      return result(
        action === 'send'
          ? 'Some panes of this session are still answering.'
          : 'This pane is still answering.',
        action === 'send'
          ? 'Wait for them or stop them, or leave them out of this prompt under Models.'
          : 'Stop it first, or wait for it to finish.',
      );
    case 'TOO_MANY_REQUESTS':
      return result(
        forUsers(serverMessage) ?? 'Too many answers are running.',
        suggestion ?? 'Wait for some to finish or stop them, then try again.',
      );
    default:
      return result(
        forUsers(serverMessage) ?? 'The workspace could not do this right now.',
        suggestion ?? 'Try again in a moment.',
      );
  }
}
