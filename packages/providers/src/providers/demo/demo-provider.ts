import { z } from 'zod';

import { boolean } from '../../env/env-vars';
import { defineProvider } from '../../provider-definition';
import { createDemoAdapter } from './demo-adapter';

export const demoProvider = defineProvider({
  id: 'demo',
  label: 'Demo (simulated)',
  simulated: true,
  env: {
    DEMO_PROVIDER: {
      schema: boolean.default(true),
      doc: 'Built-in offline demo provider (simulated answers, clearly labelled); false hides it.',
    },
    DEMO_TOKENS_PER_SECOND: {
      schema: z.coerce
        .number({ error: 'expected tokens per second' })
        .positive('expected tokens per second above 0')
        .max(10_000, 'expected at most 10000 tokens per second')
        .default(30),
      doc: 'Streaming speed of demo-balanced (demo-fast is twice as fast, demo-slow half).',
    },
    DEMO_FIRST_TOKEN_MS: {
      schema: z.coerce
        .number({ error: 'expected milliseconds' })
        .int('expected whole milliseconds')
        .min(0, 'expected 0 or more milliseconds')
        .default(250),
      doc: 'Delay before the demo’s first token (ms).',
    },
  },
  docs: {
    what: 'built-in, offline, **simulated** answers at a realistic pace',
    configuredBy: 'on by default (`DEMO_PROVIDER=false` hides it)',
    builtOn: 'built in (deterministic, labelled simulated)',
  },
  // DEMO_PROVIDER=false hides it entirely rather than listing it as not configured.
  listed: (config) => config.DEMO_PROVIDER,
  missing: () => null,
  create: ({ config }) =>
    createDemoAdapter({
      tokensPerSecond: config.DEMO_TOKENS_PER_SECOND,
      firstTokenMs: config.DEMO_FIRST_TOKEN_MS,
    }),
});
