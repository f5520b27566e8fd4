import type { PriceCalculation } from '@pydantic/genai-prices';

/** Usage as genai-prices takes it: tokens by kind. */
export interface PriceUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens?: number;
}

type Calculate = (usage: PriceUsage) => PriceCalculation | null;

/** USD per input, output and cache-read token, and per call. */
interface Rates {
  input: number;
  output: number;
  cacheRead: number;
  fixed: number;
}

const PROBES: PriceUsage[] = [
  { input_tokens: 0, output_tokens: 0 },
  { input_tokens: 1_000, output_tokens: 0 },
  { input_tokens: 0, output_tokens: 1_000 },
  { input_tokens: 1_000, output_tokens: 0, cache_read_tokens: 1_000 },
];
const CHECK: PriceUsage = { input_tokens: 7_919, output_tokens: 3_571, cache_read_tokens: 1_237 };

const apply = (r: Rates, u: PriceUsage) =>
  r.fixed +
  r.input * u.input_tokens +
  r.output * u.output_tokens +
  r.cacheRead * (u.cache_read_tokens ?? 0);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 + 1e-9 * Math.abs(b);

/**
 * A model's price as a plain formula, when it is one: genai-prices takes ~30 µs per call (it checks
 * units and usage every time), and a streaming answer is priced a few times a second (cost so far).
 * Only a model whose entry has one price set (no dated or time-of-day prices) and no tiers is
 * linear; its rates are read back from `calculate` at a few usages and checked at another, so the
 * formula gives what genai-prices gives. Anything else returns null: ask genai-prices each time.
 */
export function linearPrice(found: PriceCalculation, calculate: Calculate): Rates | null {
  if (Array.isArray(found.model.prices)) return null;
  if (Object.values(found.model_price).some((p) => typeof p === 'object' && p !== null))
    return null;
  const totals = PROBES.map((u) => calculate(u)?.total_price);
  if (totals.some((t) => t === undefined)) return null;
  const [zero, input, output, cached] = totals as [number, number, number, number];
  const rates: Rates = {
    fixed: zero,
    input: (input - zero) / 1_000,
    output: (output - zero) / 1_000,
    // Cache reads are part of input_tokens: what they add over the same tokens uncached.
    cacheRead: (cached - input) / 1_000,
  };
  const check = calculate(CHECK)?.total_price;
  return check !== undefined && close(apply(rates, CHECK), check) ? rates : null;
}

export const priceWith = apply;
