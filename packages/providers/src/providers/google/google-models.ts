import { z } from 'zod';

export const geminiModelListSchema = z.object({
  models: z
    .array(
      z.looseObject({
        name: z.string(),
        displayName: z.string().optional(),
        inputTokenLimit: z.number().optional(),
        supportedGenerationMethods: z.array(z.string()).optional(),
      }),
    )
    .default([]),
  nextPageToken: z.string().optional(),
});

export type GeminiModel = z.output<typeof geminiModelListSchema>['models'][number];

/** Only models that can stream an answer; the list also holds embedding and other models. */
export const canStream = (model: GeminiModel): boolean =>
  model.supportedGenerationMethods?.includes('streamGenerateContent') ?? false;

/** "models/gemini-2.0-flash" → "gemini-2.0-flash", the id the API takes in a request path. */
export const modelIdOf = (model: GeminiModel): string => model.name.replace(/^models\//, '');
