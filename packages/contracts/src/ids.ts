import { z } from 'zod';

/** Ids are opaque strings (cuid/uuid); validate shape loosely so old links keep working. */
export const idSchema = z
  .string({ error: 'Expected an id string.' })
  .trim()
  .min(1, 'An id must not be empty.')
  .max(64, 'An id is at most 64 characters.');

export const providerIdSchema = z
  .string()
  .trim()
  .min(1, 'Choose a provider id such as "demo", "litellm", "google" or "groq".')
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Provider ids are lower-case letters, digits, "-" and "_".');

export const modelIdSchema = z
  .string()
  .trim()
  .min(1, 'Choose a model id from models.list.')
  .max(200);
