/**
 * The PostgreSQL schema is the SQLite one with its provider and client output swapped: derived,
 * never hand-kept, so the two databases always have the same models.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const swapped = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(
      /output\s*=\s*"\.\.\/packages\/db\/src\/generated\/sqlite"/,
      'output       = "../../packages/db/src/generated/postgresql"',
    );
  if (
    swapped === sqliteSchema ||
    !swapped.includes('generated/postgresql') ||
    !swapped.includes('"postgresql"')
  ) {
    throw new Error(
      'prisma/schema.prisma must keep `provider = "sqlite"` and `output = "../packages/db/src/generated/sqlite"` so the PostgreSQL schema can be derived from it.',
    );
  }
  return `// GENERATED from prisma/schema.prisma by packages/db (pnpm db:generate). Do not edit.\n${swapped}`;
}
