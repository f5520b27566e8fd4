/** "1 answer", "3 answers": English plurals through Intl, so irregular nouns pass their plural. */
const plurals = new Intl.PluralRules('en');
export function plural(n: number, one: string, other = `${one}s`): string {
  return `${n.toLocaleString('en')} ${plurals.select(n) === 'one' ? one : other}`;
}

/**
 * Money with two significant digits below a dollar ($0.0012, $0.12) and cents above; amounts too
 * small to matter read as "<$0.0001" rather than a row of zeros.
 */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 1) return `$${Number(usd.toPrecision(2))}`;
  return `$${usd.toFixed(2)}`;
}

/** The exact amount, for a tooltip next to a rounded one. */
export function exactCost(usd: number | null | undefined): string | undefined {
  return usd === null || usd === undefined || usd === 0 ? undefined : `$${usd.toFixed(8)}`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatRate(tokensPerSecond: number | null | undefined): string {
  return tokensPerSecond === null || tokensPerSecond === undefined
    ? '—'
    : `${tokensPerSecond.toFixed(1)} tok/s`;
}

export function formatTokens(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hour12: false });
const timeWithSeconds = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const weekday = new Intl.DateTimeFormat('en', { weekday: 'short' });
const dayMonth = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });
const fullDate = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });
const DAY = 24 * 60 * 60 * 1000;

/**
 * When a session was last used, short enough for a list row and precise enough to tell apart
 * sessions with the same title: "Today 14:03", "Yesterday 09:12", "Mon 14:03", "Mar 3 14:03",
 * "Mar 3, 2024". With `seconds`, times carry them (for sessions alike in title and minute).
 */
export function formatWhen(iso: string, now: Date = new Date(), seconds = false): string {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const at = (seconds ? timeWithSeconds : time).format(date);
  if (date.getTime() >= startOfToday) return `Today ${at}`;
  if (date.getTime() >= startOfToday - DAY) return `Yesterday ${at}`;
  if (date.getTime() >= startOfToday - 6 * DAY) return `${weekday.format(date)} ${at}`;
  if (date.getFullYear() === now.getFullYear()) return `${dayMonth.format(date)} ${at}`;
  return fullDate.format(date);
}

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st: places in a race or a ranking. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
