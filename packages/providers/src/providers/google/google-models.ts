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

/**
 * Text models the picker can offer. The real list names `generateContent` for every model that
 * can answer, and never `streamGenerateContent`, although every generateContent model streams
 * (fixtures/gemini/models.ts in @mlb/test-support). The list also holds models that cannot chat:
 * embeddings (`embedContent`), AQA (`generateAnswer`), Imagen (`predict`) and Veo
 * (`predictLongRunning`) drop out by their methods; TTS and image-generation models list
 * `generateContent` but answer with audio or images only, so their ids tell them apart.
 */
const NOT_TEXT = /(^|-)(embedding|aqa|imagen|veo|tts)(-|$)|image-generation|native-audio/;

export const canGenerateText = (model: GeminiModel): boolean =>
  (model.supportedGenerationMethods?.includes('generateContent') ?? false) &&
  !NOT_TEXT.test(modelIdOf(model));

/** "models/gemini-2.0-flash" → "gemini-2.0-flash", the id the API takes in a request path. */
export const modelIdOf = (model: GeminiModel): string => model.name.replace(/^models\//, '');
