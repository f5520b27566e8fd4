/** The calendar month (UTC) a moment is in, as YYYY-MM, and when it began. */
export function monthOf(at: Date): { month: string; since: Date } {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  return {
    month: `${year}-${String(month + 1).padStart(2, '0')}`,
    since: new Date(Date.UTC(year, month, 1)),
  };
}
