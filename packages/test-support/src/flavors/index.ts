import type { Flavor } from '../scenario';
import { anthropic } from './anthropic';
import type { FlavorSpec } from './flavor';
import { gemini } from './gemini';
import { groq } from './groq';
import { litellm } from './litellm';
import { ollama } from './ollama';
import { openai } from './openai';

export const FLAVORS: Record<Flavor, FlavorSpec> = {
  openai,
  litellm,
  groq,
  gemini,
  anthropic,
  ollama,
};
export type { FlavorSpec, StreamPlan, Frames } from './flavor';
