export {
  startFakeUpstream,
  type FakeUpstream,
  type FakeUpstreamOptions,
  type RecordedRequest,
} from './fake-upstream';
export { controlFake, fakeRequests } from './control';
export {
  chunk,
  defaultText,
  wordCount,
  type Flavor,
  type Scenario,
  type ScenarioError,
  type ScenarioUsage,
} from './scenario';
export { collectChunks, collectSse, parseSse } from './sse';
// Recorded provider answers the fakes serve, for tests that check what an adapter makes of them.
export { ANTHROPIC_MODELS } from './fixtures/anthropic/models';
export { GEMINI_MODELS_PAGE_1, GEMINI_MODELS_PAGE_2 } from './fixtures/gemini/models';
export { GEMINI_429_RETRY_INFO, GEMINI_400_API_KEY_INVALID } from './fixtures/gemini/errors';
export { GROQ_CHAT_MODEL_IDS, GROQ_MODELS } from './fixtures/groq/models';
export { LITELLM_CHAT_MODEL_IDS, LITELLM_MODELS, litellm401 } from './fixtures/litellm/models';
export { OLLAMA_TAGS } from './fixtures/ollama/tags';
export { OPENAI_CHAT_MODEL_IDS, OPENAI_MODELS } from './fixtures/openai/models';
export {
  OPENAI_400_UNSUPPORTED_PARAMETER,
  openai401,
  openai404Model,
  openai429,
} from './fixtures/openai/errors';
