import { z } from 'zod';

import { usdSchema } from './budget';
import { errorKindSchema } from './errors';
import { fuseTemplateSchema } from './fuse';
import { idSchema } from './ids';
import { modelParamsSchema, promptSchema } from './inputs';
import { LIMITS } from './limits';
import type { EndReason, MessageStatus } from './states';
import type { MessageView, SessionSummary } from './views';
import { voteKindSchema } from './votes';

export const sessionExportInput = z.object({
  sessionId: idSchema,
  /** markdown: to read (answers per turn, metrics table, fused answers with sources); json: to import. */
  format: z.enum(['markdown', 'json']),
});
export type SessionExportInput = z.infer<typeof sessionExportInput>;

/** An export, ready to save as a file. */
export interface SessionExportFile {
  format: 'markdown' | 'json';
  filename: string;
  mimeType: string;
  content: string;
}

export const sessionImportInput = z.object({
  /** The text of a JSON export (sessions.export with format json). */
  json: z
    .string({ error: 'json must be the text of a session export.' })
    .min(1, 'Paste or choose a session export (JSON).')
    .max(
      LIMITS.importMaxChars,
      `A session export is at most ${LIMITS.importMaxChars.toLocaleString('en')} characters; export a shorter session or fork its panes.`,
    ),
});
export type SessionImportInput = z.infer<typeof sessionImportInput>;

export const sessionForkInput = z.object({
  /** The pane whose thread the new session starts with. */
  paneId: idSchema,
  title: z.string().trim().min(1).max(LIMITS.titleMaxChars).optional(),
});
export type SessionForkInput = z.infer<typeof sessionForkInput>;

/** A fork: the new session, and the pane that carries the thread there. */
export interface SessionForkResult {
  session: SessionSummary;
  paneId: string;
}

export const panePromptInput = z.object({
  /** The one pane to answer (e.g. the vote's winner); the others stay as they are. */
  paneId: idSchema,
  prompt: promptSchema,
  budgetUsd: usdSchema.optional(),
  confirmOverBudget: z.boolean().optional(),
});
export type PanePromptInput = z.infer<typeof panePromptInput>;

// The export format. Ids in it are references within the file: an import gives every row a new id.
// session-export.test.ts checks that the lists below hold every member of their unions.

const END_REASONS = [
  'done',
  'length',
  'content_filter',
  'stopped',
  'error',
  'timeout',
  'interrupted',
  'budget',
] as const satisfies readonly EndReason[];
const STATUSES = [
  'streaming',
  'complete',
  'stopped',
  'error',
  'interrupted',
] as const satisfies readonly MessageStatus[];
const ROLES = [
  'user',
  'assistant',
  'system',
  'context',
] as const satisfies readonly MessageView['role'][];

const date = z.iso.datetime({
  offset: true,
  error: 'Expected an ISO date such as 2026-01-31T12:00:00.000Z.',
});
const ref = z.string().min(1).max(64);

const metricsSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  cost: z.number().nonnegative().nullable(),
  ttftMs: z.number().nonnegative().nullable(),
  latencyMs: z.number().nonnegative(),
  tokensPerSecond: z.number().nonnegative().nullable(),
  retries: z.number().int().nonnegative(),
  estimated: z.boolean(),
});

const citationSchema = z.object({
  paragraph: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  labels: z.array(z.string().max(8)),
  sources: z.array(z.object({ paneId: ref, messageId: ref })),
});

const fuseRequestSchema = z.object({
  template: fuseTemplateSchema,
  instruction: z.string(),
  sources: z.array(
    z.object({
      label: z.string().max(8),
      paneId: ref,
      messageId: ref,
      providerId: z.string().max(64),
      modelId: z.string().max(200),
    }),
  ),
});

const exportedMessageSchema = z.object({
  id: ref,
  broadcastId: ref.nullable(),
  role: z.enum(ROLES),
  content: z.string(),
  status: z.enum(STATUSES),
  endReason: z.enum(END_REASONS).nullable(),
  finishReason: z.string().max(200).nullable(),
  error: z
    .object({
      kind: errorKindSchema,
      message: z.string(),
      suggestion: z.string(),
      status: z.number().int().optional(),
    })
    .nullable(),
  metrics: metricsSchema.nullable(),
  source: z.object({ paneId: ref, messageId: ref.nullable() }).nullable(),
  citations: z.array(citationSchema).nullable(),
  fuse: fuseRequestSchema.nullable(),
  createdAt: date,
});

const exportedPaneSchema = z.object({
  id: ref,
  providerId: z.string().min(1).max(64),
  modelId: z.string().min(1).max(200),
  kind: z.enum(['chat', 'summary']),
  params: modelParamsSchema,
  systemPrompt: z.string().max(LIMITS.systemPromptMaxChars).nullable(),
  position: z.number().int().nonnegative(),
  createdAt: date,
  /** The pane's thread, oldest first. */
  messages: z.array(exportedMessageSchema),
});

/** `sessions.export` as JSON, version 1: what `sessions.import` reads back. */
export const sessionExportSchema = z.object({
  format: z.literal('broadcast-workspace/session', {
    error: 'This is not a session export of the Broadcast Workspace (its "format" field differs).',
  }),
  version: z.literal(1, {
    error: 'This export has a version this workspace cannot read (1 only).',
  }),
  exportedAt: date,
  session: z.object({
    title: z.string().trim().min(1).max(LIMITS.titleMaxChars),
    createdAt: date,
    budgetUsd: usdSchema.nullable(),
  }),
  panes: z.array(exportedPaneSchema).max(200),
  broadcasts: z.array(
    z.object({
      id: ref,
      prompt: z.string(),
      kind: z.enum(['broadcast', 'send_to', 'summarize', 'retry', 'fuse', 'prompt']),
      budgetUsd: usdSchema.nullable(),
      createdAt: date,
    }),
  ),
  votes: z.array(
    z.object({
      broadcastId: ref,
      kind: voteKindSchema,
      entries: z.array(z.object({ paneId: ref, rank: z.number().int().min(1) })).min(1),
      createdAt: date,
    }),
  ),
});
export type SessionExport = z.infer<typeof sessionExportSchema>;
export type ExportedPane = SessionExport['panes'][number];
export type ExportedMessage = ExportedPane['messages'][number];
