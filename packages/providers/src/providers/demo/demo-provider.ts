import type { ProviderDefinition } from '../../registry/provider-definition';
import { createDemoAdapter } from './demo-adapter';

export const demoProvider: ProviderDefinition = {
  id: 'demo',
  label: 'Demo (simulated)',
  simulated: true,
  // DEMO_PROVIDER=false hides it entirely rather than listing it as not configured.
  listed: (config) => config.DEMO_PROVIDER,
  missing: () => null,
  create: ({ config }) =>
    createDemoAdapter({
      tokensPerSecond: config.DEMO_TOKENS_PER_SECOND,
      firstTokenMs: config.DEMO_FIRST_TOKEN_MS,
    }),
};
