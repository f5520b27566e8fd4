import { anthropicProvider } from './anthropic/anthropic-provider';
import { demoProvider } from './demo/demo-provider';
import { googleProvider } from './google/google-provider';
import { groqProvider } from './groq/groq-provider';
import { litellmProvider } from './litellm/litellm-provider';
import { ollamaProvider } from './ollama/ollama-provider';
import { openaiProvider } from './openai/openai-provider';

/**
 * THE list of built-in providers, in the order the picker lists them (demo first). Adding a
 * provider = its folder plus one line here; the environment schema, the registry and the
 * generated docs (`pnpm docs:generate`) all read this list.
 */
export const BUILT_IN_PROVIDERS = [
  demoProvider,
  litellmProvider,
  googleProvider,
  groqProvider,
  openaiProvider,
  anthropicProvider,
  ollamaProvider,
] as const;
