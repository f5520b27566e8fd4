import { describe, expect, it } from 'vitest';

import { LIMITS } from '@mlb/contracts';

import { describeImportError, IMPORT_HINT, readImportFile } from './import-file';

const file = (text: string, size = text.length) => ({ size, text: () => Promise.resolve(text) });

describe('readImportFile', () => {
  it('passes a file within the limit through unchanged', async () => {
    expect(await readImportFile(file('{"format":"x"}'))).toEqual({ json: '{"format":"x"}' });
  });

  it('refuses a file over the limit in the schema’s words, without reading a huge one', async () => {
    const tooLong = await readImportFile(file('x'.repeat(LIMITS.importMaxChars + 1)));
    expect(tooLong).toEqual({
      error: expect.objectContaining({
        message: expect.stringMatching(/^A session export is at most 500,000 characters/),
        hint: IMPORT_HINT,
      }),
    });
    const huge = await readImportFile({
      size: LIMITS.importMaxChars * 10,
      text: () => Promise.reject(new Error('must not be read')),
    });
    expect('error' in huge && huge.error.message).toMatch(/at most 500,000 characters/);
  });

  it('refuses an empty file', async () => {
    const empty = await readImportFile(file(''));
    expect('error' in empty && empty.error.message).toMatch(/choose a session export/i);
  });
});

describe('describeImportError', () => {
  it('shows the API’s message and keeps a suggestion in the user’s words', () => {
    const error = describeImportError({
      message: 'The session export is not valid JSON (Unexpected token).',
      data: { code: 'BAD_REQUEST', suggestion: 'Check the file and try again.' },
    });
    expect(error).toEqual({
      message: 'The session export is not valid JSON (Unexpected token).',
      hint: 'Check the file and try again.',
      sessionGone: false,
    });
  });

  it('replaces a suggestion that names procedures', () => {
    const error = describeImportError({
      message: 'This is not a session export the workspace can read: format: Invalid input.',
      data: {
        code: 'BAD_REQUEST',
        suggestion: 'Choose a file made by sessions.export with format "json", unchanged.',
      },
    });
    expect(error.hint).toBe(IMPORT_HINT);
    expect(error.message).toMatch(/^This is not a session export/);
  });

  it('names the input’s own check instead of its field path', () => {
    const error = describeImportError({
      message: 'Invalid input: json: too long',
      data: { code: 'BAD_REQUEST', fieldErrors: [{ path: 'json', message: 'Too long.' }] },
    });
    expect(error.message).toBe('Too long.');
  });

  it('reads a dropped connection as elsewhere', () => {
    expect(describeImportError(new Error('socket closed')).message).toMatch(/connection/);
  });
});
