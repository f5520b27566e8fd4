/**
 * Whether an error means the database could not be reached or dropped the connection (as
 * opposed to a query it refused): what a caller may retry, and what users should be told in
 * plain words. Covers Prisma's connection error codes, the pg driver's and the OS's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth += 1) {
    const record = e as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
    const code = typeof record.code === 'string' ? record.code : '';
    if (/^(P1001|P1002|P1008|P1017|P2024)$/.test(code)) return true;
    if (
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|57P0[1-3]|08\d\d\d)$/.test(
        code,
      )
    )
      return true;
    if (record.kind === 'DatabaseNotReachable' || record.kind === 'ConnectionClosed') return true;
    const message = typeof record.message === 'string' ? record.message : '';
    if (
      /can't reach database|connection terminated|connection (?:refused|closed|reset)|server closed the connection|database is locked|timed out fetching a new connection/i.test(
        message,
      )
    )
      return true;
    e = record.cause;
  }
  return false;
}
