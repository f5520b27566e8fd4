import { z } from 'zod';

import { idSchema, modelIdSchema, providerIdSchema } from './ids';
import { modelParamsSchema } from './inputs';
import { LIMITS } from './limits';

/** What a fusion does with the chosen answers; `custom` follows the user's own instruction. */
export const fuseTemplateSchema = z.enum(['summarize', 'fuse', 'critique', 'pick_best', 'custom']);
export type FuseTemplate = z.infer<typeof fuseTemplateSchema>;

/** Short names for the UI, in the order it offers them. */
export const FUSE_TEMPLATE_LABELS: Record<FuseTemplate, string> = {
  summarize: 'Summarize',
  fuse: 'Fuse into the best answer',
  critique: 'Critique each',
  pick_best: 'Pick the best',
  custom: 'Custom instruction',
};

export const fuseCreateInput = z
  .object({
    sessionId: idSchema,
    /** Panes whose answers to use; every chat pane with an answer when absent. */
    paneIds: z.array(idSchema).min(1).max(LIMITS.panesPerBroadcast).optional(),
    /** The turn (a broadcast) whose answers to use; each pane's latest answer when absent. */
    broadcastId: idSchema.optional(),
    template: fuseTemplateSchema,
    /**
     * Replaces the template's instruction and is remembered for it (fuse.templates gives it
     * back). Required for `custom`.
     */
    instruction: z.string().trim().min(1).max(LIMITS.instructionMaxChars).optional(),
    /** The model that writes the fusion, in a new pane. */
    providerId: providerIdSchema,
    modelId: modelIdSchema,
    params: modelParamsSchema.optional(),
    /** Run even though the forecast crosses the session's or the month's budget. */
    confirmOverBudget: z.boolean().optional(),
  })
  .refine((v) => v.template !== 'custom' || v.instruction !== undefined, {
    message: 'A custom fusion needs an instruction; type one or pick a template.',
    path: ['instruction'],
  });
export type FuseCreateInput = z.infer<typeof fuseCreateInput>;

/** One answer a fusion was given, under the label the fusion cites it by. */
export interface FuseSource {
  /** "A", "B", … in the order the answers were given. */
  label: string;
  paneId: string;
  messageId: string;
  providerId: string;
  modelId: string;
}

/**
 * What a fusion was asked, compactly: shown instead of the prompt it sent (the instruction with
 * every answer pasted in). Kept on the fusion's user message.
 */
export interface FuseRequest {
  template: FuseTemplate;
  instruction: string;
  sources: FuseSource[];
}

/** A paragraph of a fused answer and the answers it came from. */
export interface Citation {
  /**
   * 0-based, counting the answer's non-empty paragraphs (text between blank lines; a fenced
   * code block is never split).
   */
  paragraph: number;
  /** The paragraph's characters in the answer's content: content.slice(start, end). */
  start: number;
  end: number;
  /** The labels it cites, e.g. ["A", "C"]. */
  labels: string[];
  sources: { paneId: string; messageId: string }[];
}

/** A template as fuse.templates offers it. */
export interface FuseTemplateView {
  id: FuseTemplate;
  label: string;
  /** The instruction a fusion with this template sends: the remembered one, else the default. */
  instruction: string;
  defaultInstruction: string;
  /** Whether `instruction` is one the user gave (and fuse.create remembered). */
  remembered: boolean;
}
