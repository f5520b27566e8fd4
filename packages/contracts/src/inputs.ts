import { z } from 'zod';

import { usdSchema } from './budget';
import { idSchema, modelIdSchema, providerIdSchema } from './ids';
import { LIMITS } from './limits';

export const modelParamsSchema = z
  .object({
    temperature: z
      .number()
      .min(0, 'temperature is at least 0.')
      .max(2, 'temperature is at most 2.')
      .optional(),
    maxTokens: z.number().int().min(1, 'maxTokens is at least 1.').max(200_000).optional(),
    topP: z.number().min(0).max(1, 'topP is between 0 and 1.').optional(),
  })
  .strict();
export type ModelParams = z.infer<typeof modelParamsSchema>;

export const modelSelectionSchema = z.object({
  providerId: providerIdSchema,
  modelId: modelIdSchema,
  params: modelParamsSchema.optional(),
  systemPrompt: z
    .string()
    .max(
      LIMITS.systemPromptMaxChars,
      `A system prompt is at most ${LIMITS.systemPromptMaxChars} characters.`,
    )
    .optional(),
});
export type ModelSelection = z.infer<typeof modelSelectionSchema>;

export const promptSchema = z
  .string({ error: 'prompt must be text.' })
  .trim()
  .min(1, 'Type a prompt before broadcasting.')
  .max(
    LIMITS.promptMaxChars,
    `A prompt is at most ${LIMITS.promptMaxChars} characters; shorten it or split it.`,
  );

export const broadcastCreateInput = z.object({
  prompt: promptSchema,
  models: z
    .array(modelSelectionSchema)
    .min(1, 'Pick at least one model.')
    .max(
      LIMITS.panesPerBroadcast,
      `At most ${LIMITS.panesPerBroadcast} models per broadcast; remove some.`,
    ),
  /** Continue this session (each pane keeps its own thread); a new session when absent. */
  sessionId: idSchema.optional(),
  /**
   * With `sessionId`: when no session has that id yet, start one under it (the caller's id is
   * kept) instead of refusing with NOT_FOUND. The original backend's API works this way.
   */
  createIfMissing: z.boolean().optional(),
  title: z.string().trim().min(1).max(LIMITS.titleMaxChars).optional(),
  /**
   * USD for this broadcast's answers together: when their cost so far reaches it, the answers
   * still streaming stop with reason `budget`, keeping their text.
   */
  budgetUsd: usdSchema.optional(),
  /** Send even though the forecast's worst case crosses a budget (otherwise refused with CONFLICT). */
  confirmOverBudget: z.boolean().optional(),
});
export type BroadcastCreateInput = z.infer<typeof broadcastCreateInput>;

export const sendToInput = z
  .object({
    sourcePaneId: idSchema,
    targetPaneIds: z
      .array(idSchema)
      .min(1, 'Choose at least one target pane.')
      .max(LIMITS.panesPerBroadcast),
    /** Text to send instead of the source pane's latest answer (e.g. a selection). */
    text: z.string().trim().min(1).max(LIMITS.promptMaxChars).optional(),
    /** context: add to the target's thread without running; prompt: run it there as a new prompt. */
    mode: z.enum(['context', 'prompt']).default('context'),
  })
  .refine((v) => !v.targetPaneIds.includes(v.sourcePaneId), {
    message: 'A pane cannot send to itself; choose other target panes.',
    path: ['targetPaneIds'],
  });
export type SendToInput = z.input<typeof sendToInput>;

export const paneRefInput = z.object({ paneId: idSchema });
export type PaneRefInput = z.infer<typeof paneRefInput>;

export const summarizeCreateInput = z.object({
  sessionId: idSchema,
  /** Panes to summarize; all chat panes with an answer when absent. */
  paneIds: z.array(idSchema).min(1).max(LIMITS.panesPerBroadcast).optional(),
  providerId: providerIdSchema,
  modelId: modelIdSchema,
  instruction: z.string().trim().max(LIMITS.instructionMaxChars).optional(),
});
export type SummarizeCreateInput = z.infer<typeof summarizeCreateInput>;

export const sessionsListInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
  search: z.string().trim().max(LIMITS.searchMaxChars).optional(),
});
export type SessionsListInput = z.input<typeof sessionsListInput>;

export const sessionRefInput = z.object({ sessionId: idSchema });
export type SessionRefInput = z.infer<typeof sessionRefInput>;

export const sessionRenameInput = z.object({
  sessionId: idSchema,
  title: z
    .string()
    .trim()
    .min(1, 'A title must not be empty.')
    .max(LIMITS.titleMaxChars, `A title is at most ${LIMITS.titleMaxChars} characters.`),
});
export type SessionRenameInput = z.infer<typeof sessionRenameInput>;

export const sessionEventsInput = z.object({
  sessionId: idSchema,
  /** tRPC fills this on reconnect with the last tracked id it saw. */
  lastEventId: z.string().max(100).nullish(),
});
export type SessionEventsInput = z.infer<typeof sessionEventsInput>;

export const modelsListInput = z
  .object({
    /** Bypass the model-list cache. */
    refresh: z.boolean().default(false),
  })
  .optional();
export type ModelsListInput = z.input<typeof modelsListInput>;
