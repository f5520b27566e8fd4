/**
 * Runs `fn` again when a concurrent writer took the same unique slot (Prisma P2002), e.g. two
 * appends reading the same last seq. Reading max+1 and retrying keeps seq/position dense without
 * a counter table or provider-specific locking.
 */
export async function retryOnUniqueConflict<T>(fn: () => Promise<T>, attempts = 25): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (!isUniqueConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
    }
  }
}

function isUniqueConflict(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
  );
}
