/** The grid's column count: 'auto' fits as many 320 px columns as the width allows. */
export type ColumnSetting = 'auto' | 1 | 2 | 3 | 4 | 5 | 6;

export const COLUMN_SETTINGS: readonly ColumnSetting[] = ['auto', 1, 2, 3, 4, 5, 6];

const KEY = 'broadcast.gridColumns';

export function parseColumns(value: string | null): ColumnSetting {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 6 ? (n as ColumnSetting) : 'auto';
}

export function loadColumns(): ColumnSetting {
  try {
    return parseColumns(localStorage.getItem(KEY));
  } catch {
    return 'auto';
  }
}

export function saveColumns(setting: ColumnSetting): void {
  try {
    if (setting === 'auto') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, String(setting));
  } catch {
    // Storage refused (private mode, quota): the choice holds until the page reloads.
  }
}

/**
 * The grid's `grid-template-columns` for a setting and a pane count; undefined leaves the
 * stylesheet's auto-fit. Never more columns than panes (two panes in six columns would leave
 * four empty), and minmax(0, 1fr) so a long line inside a pane cannot widen its column.
 */
export function columnTemplate(setting: ColumnSetting, paneCount: number): string | undefined {
  if (setting === 'auto') return undefined;
  const columns = Math.max(1, Math.min(setting, paneCount));
  return `repeat(${columns}, minmax(0, 1fr))`;
}
