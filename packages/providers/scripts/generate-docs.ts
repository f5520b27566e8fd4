import { writeFile } from 'node:fs/promises';

import { generatedFiles } from './provider-docs';

/** `pnpm docs:generate`: rewrites the generated blocks of .env.example and the READMEs. */
for (const file of await generatedFiles()) {
  if (file.current === file.expected) {
    console.log(`${file.path}: up to date`);
    continue;
  }
  await writeFile(file.absolutePath, file.expected);
  console.log(`${file.path}: updated`);
}
