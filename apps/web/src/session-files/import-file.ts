import { LIMITS, sessionImportInput } from '@mlb/contracts';

import { describeError, type UserError } from '../errors/user-error';

/** What to do with a file the workspace cannot import. */
export const IMPORT_HINT = 'Choose a JSON file saved with Export JSON, unchanged.';

/** UTF-8 takes at most 4 bytes a character: a file bigger than this has too many characters. */
const MAX_BYTES = LIMITS.importMaxChars * 4;

/**
 * A chosen file's text, checked as the API checks it (the same schema, so the same words), or why
 * it cannot be imported. A file far too big is refused before it is read.
 */
export async function readImportFile(
  file: Pick<File, 'size' | 'text'>,
): Promise<{ json: string } | { error: UserError }> {
  const json = file.size > MAX_BYTES ? 'x'.repeat(LIMITS.importMaxChars + 1) : await file.text();
  const checked = sessionImportInput.safeParse({ json });
  if (checked.success) return { json: checked.data.json };
  return {
    error: {
      message: checked.error.issues[0]?.message ?? 'This file cannot be imported.',
      hint: IMPORT_HINT,
      sessionGone: false,
    },
  };
}

/** API words that mean nothing to a user (the suggestion names the procedure that exports). */
const API_WORDS = /\b(sessions|broadcast|panes)\.[a-z]\w*/;

/**
 * A refused import in the API's own words: its message says what is wrong with the file (paths
 * included, they point into the file the user chose); its suggestion is kept unless it speaks in
 * procedure names. Failures that are not about the file read as elsewhere.
 */
export function describeImportError(error: unknown): UserError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    data?: { code?: unknown; suggestion?: unknown; fieldErrors?: unknown } | null;
  };
  if (shape.data?.code === 'BAD_REQUEST' && typeof shape.message === 'string' && shape.message) {
    const suggestion = shape.data.suggestion;
    // The input's own check (too long, empty) names the field; its words are the point.
    const fields = Array.isArray(shape.data.fieldErrors)
      ? (shape.data.fieldErrors as { message?: unknown }[])
          .map((f) => f.message)
          .filter((m): m is string => typeof m === 'string')
      : [];
    return {
      message: fields.length > 0 ? fields.join(' ') : shape.message,
      hint:
        typeof suggestion === 'string' && suggestion.trim() !== '' && !API_WORDS.test(suggestion)
          ? suggestion
          : IMPORT_HINT,
      sessionGone: false,
    };
  }
  return describeError(error, 'open');
}
