/**
 * OpenAI-style model lists (`GET /models`: only `id`, `owned_by`, `created`) do not say what a
 * model does. Proxies and OpenAI-compatible servers list speech, embedding, image, moderation
 * and rerank models beside chat models (a LiteLLM proxy routing to Groq lists
 * `groq/whisper-large-v3`); their ids are the only hint, so ids naming such a family are left out.
 * An id that names none of them is kept: an unknown chat model in the picker beats a missing one.
 */
const NOT_CHAT =
  /whisper|(^|[-/_])tts([-_]|$)|transcribe|embed|dall-e|gpt-image|imagen|moderation|rerank|(^|[-/])guard([-/]|$)/i;

export const looksLikeChatModel = (id: string): boolean => !NOT_CHAT.test(id);
