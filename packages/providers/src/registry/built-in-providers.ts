import { anthropicProvider } from '../providers/anthropic/anthropic-provider';
import { demoProvider } from '../providers/demo/demo-provider';
import { googleProvider } from '../providers/google/google-provider';
import { groqProvider } from '../providers/groq/groq-provider';
import { litellmProvider } from '../providers/litellm/litellm-provider';
import { ollamaProvider } from '../providers/ollama/ollama-provider';
import { openaiProvider } from '../providers/openai/openai-provider';
import type { ProviderDefinition } from './provider-definition';

/** Every built-in provider, in the order the picker lists them (demo first). Add new ones here. */
export const BUILT_IN_PROVIDERS: readonly ProviderDefinition[] = [
  demoProvider,
  litellmProvider,
  googleProvider,
  groqProvider,
  openaiProvider,
  anthropicProvider,
  ollamaProvider,
];
