/** Runs `fn` again when a concurrent writer took the same unique position (P2002). */
export async function retryOnUniqueConflict<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'P2002' || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * i));
    }
  }
}
