import { describe, expect, it } from 'vitest';

import {
  envExampleSection,
  GENERATE_COMMAND,
  generatedFiles,
  readmeProvidersTable,
  replaceBlock,
} from '../scripts/provider-docs';
import { BUILT_IN_PROVIDERS } from '../src/providers/built-in-providers';
import { PROVIDER_VARIABLES } from '../src/registry/env';

describe('generated provider docs', () => {
  it.each(['.env.example', 'README.md', 'docs/configuration.md', 'packages/providers/README.md'])(
    '%s matches the provider definitions',
    async (path) => {
      const file = (await generatedFiles()).find((f) => f.path === path)!;
      expect(
        file.current === file.expected,
        `${path} is out of date with the provider definitions: run \`${GENERATE_COMMAND}\` and commit the result.`,
      ).toBe(true);
    },
  );

  it('documents every provider variable in .env.example, with its default', () => {
    const section = envExampleSection();
    for (const name of Object.keys(PROVIDER_VARIABLES))
      expect(section).toMatch(new RegExp(`^${name}=`, 'm'));
    expect(section).toContain('\nGROQ_BASE_URL=https://api.groq.com/openai/v1\n');
    expect(section).toContain('\nSTREAM_MAX_RETRIES=2\n');
    // No default: copying .env.example must not switch LiteLLM on.
    expect(section).toContain('\nLITELLM_BASE_URL=\n');
  });

  it('lists every built-in provider and custom ones in the README table', () => {
    const rows = readmeProvidersTable().split('\n').slice(2);
    expect(rows.map((r) => r.split('|')[1]!.trim())).toEqual([
      ...BUILT_IN_PROVIDERS.map((p) => `\`${p.id}\``),
      'custom',
    ]);
  });

  it('refuses a file without its markers, saying what to add', () => {
    expect(() =>
      replaceBlock(
        '# nothing here\n',
        { path: '.env.example', style: 'shell' },
        { name: 'providers', render: () => 'X=1' },
      ),
    ).toThrow(/\.env\.example lacks the markers .*\n# --- begin providers/);
  });
});
