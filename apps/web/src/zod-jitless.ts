import { z } from 'zod';

/**
 * zod compiles object parsers with `new Function` when it may, and probes for that when the first
 * object schema is built (the shared contracts build theirs on import). The page's CSP allows no
 * eval, so the probe is a reported violation: tell zod up front not to try. Imported first in
 * main.tsx so it runs before any schema exists.
 */
z.config({ jitless: true });
