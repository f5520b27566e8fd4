import { z } from 'zod';

const usdPerMTok = z
  .number({ error: 'expected USD per million tokens' })
  .nonnegative('expected a price of 0 or more');

const KEY = /^[^/\s]+\/\S+$/;

/** `MODEL_PRICES`: USD per million tokens for models the price database does not know (or gets wrong). */
export const priceOverridesSchema = z
  .record(
    z.string(),
    z.strictObject({ input: usdPerMTok, output: usdPerMTok, cachedInput: usdPerMTok.optional() }),
  )
  .check((ctx) => {
    // Checked here rather than as a key schema, whose failure zod reports only as "Invalid key in record".
    for (const key of Object.keys(ctx.value)) {
      if (!KEY.test(key))
        ctx.issues.push({
          code: 'custom',
          input: key,
          path: [key],
          message: 'keys are "<provider>/<model>", e.g. "litellm/my-model"',
        });
    }
  });

export type PriceOverrides = z.output<typeof priceOverridesSchema>;
