import {
  calcPrice,
  findProvider,
  type ModelPrice,
  type PriceCalculation,
} from '@pydantic/genai-prices';

import type { ModelInfo, Usage } from '@mlb/contracts';

import { linearPrice, priceWith, type PriceUsage } from './linear-price';
import type { PriceOverrides } from './price-overrides';

/** Local and simulated models have no per-token price. */
const FREE_PROVIDERS = new Set(['demo', 'ollama']);

type Listing = Pick<ModelInfo, 'inputPricePerMTok' | 'outputPricePerMTok' | 'contextWindow'>;

export interface Pricing {
  /** USD for one answer; null when no price is known (never a guess). */
  cost(providerId: string, modelId: string, usage: Usage): number | null;
  /** Price per million tokens and context window as the price database knows them. */
  listing(providerId: string, modelId: string): Listing;
}

const perMTok = (price: ModelPrice[string]): number | undefined =>
  typeof price === 'number' ? price : price?.base;

/**
 * Prices from @pydantic/genai-prices, overridden per model by MODEL_PRICES. Our provider id is
 * used as the database's provider when it knows it (openai, google, groq, anthropic, openrouter…);
 * otherwise (LiteLLM, vLLM…) the model name alone decides, with a "vendor/model" name tried as
 * provider "vendor" too.
 */
export function createPricing(overrides: PriceOverrides): Pricing {
  function lookup(
    providerId: string,
    modelId: string,
    usage: Record<string, number>,
  ): PriceCalculation | null {
    const attempts: [string, { providerId?: string }][] = [];
    if (findProvider({ providerId })) attempts.push([modelId, { providerId }]);
    else {
      attempts.push([modelId, {}]);
      const slash = modelId.indexOf('/');
      if (slash > 0) {
        const vendor = modelId.slice(0, slash);
        const bare = modelId.slice(slash + 1);
        if (findProvider({ providerId: vendor })) attempts.push([bare, { providerId: vendor }]);
        attempts.push([bare, {}]);
      }
    }
    for (const [model, options] of attempts) {
      try {
        const result = calcPrice(usage, model, options);
        if (result) return result;
      } catch {
        // Usage the database cannot price (e.g. a unit it does not know) is an unknown price.
      }
    }
    return null;
  }

  /** Per model: its price as a formula when it is linear (see linearPrice), else null. */
  const formulas = new Map<string, ReturnType<typeof linearPrice>>();
  function priced(providerId: string, modelId: string, usage: PriceUsage): number | null {
    const key = `${providerId}\u0000${modelId}`;
    const formula = formulas.get(key);
    if (formula) return priceWith(formula, usage);
    const found = lookup(providerId, modelId, { ...usage });
    if (found && formula === undefined)
      formulas.set(
        key,
        linearPrice(found, (u) => lookup(providerId, modelId, { ...u })),
      );
    return found?.total_price ?? null;
  }

  return {
    cost(providerId, modelId, usage) {
      const override = overrides[`${providerId}/${modelId}`];
      if (override) {
        const cached = Math.min(usage.cachedTokens ?? 0, usage.inputTokens);
        const micro =
          (usage.inputTokens - cached) * override.input +
          cached * (override.cachedInput ?? override.input) +
          usage.outputTokens * override.output;
        return micro / 1_000_000;
      }
      if (FREE_PROVIDERS.has(providerId)) return 0;
      const cached = Math.min(usage.cachedTokens ?? 0, usage.inputTokens);
      // genai-prices counts input_tokens with cached ones included, as Usage does.
      return priced(providerId, modelId, {
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        ...(cached ? { cache_read_tokens: cached } : {}),
      });
    },
    listing(providerId, modelId) {
      const override = overrides[`${providerId}/${modelId}`];
      if (override)
        return { inputPricePerMTok: override.input, outputPricePerMTok: override.output };
      if (FREE_PROVIDERS.has(providerId)) return { inputPricePerMTok: 0, outputPricePerMTok: 0 };
      const found = lookup(providerId, modelId, { input_tokens: 0, output_tokens: 0 });
      if (!found) return {};
      const input = perMTok(found.model_price.input_mtok);
      const output = perMTok(found.model_price.output_mtok);
      return {
        ...(input === undefined ? {} : { inputPricePerMTok: input }),
        ...(output === undefined ? {} : { outputPricePerMTok: output }),
        ...(found.model.context_window ? { contextWindow: found.model.context_window } : {}),
      };
    },
  };
}
