import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';

import {
  COLUMN_SETTINGS,
  columnTemplate,
  loadColumns,
  saveColumns,
  type ColumnSetting,
} from './columns';
import { PaneLayoutContext, type PaneLayoutState } from './pane-layout';

import './grid.css';

/**
 * The panes' grid: a remembered column count (auto or 1–6), one pane maximized to fill it (Esc or
 * its button restores the grid), and panes collapsed to their header. Panes read their place
 * through usePaneLayout.
 */
export function PaneGrid({
  paneIds,
  children,
}: {
  /** The panes shown, in order (a maximized or collapsed pane that is gone is forgotten). */
  paneIds: readonly string[];
  children: ReactNode;
}) {
  const [columns, setColumns] = useState<ColumnSetting>(loadColumns);
  const [maximizedId, setMaximized] = useState<string | null>(null);
  const [collapsedIds, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const selectId = useId();
  const count = paneIds.length;
  const maximized = maximizedId !== null && paneIds.includes(maximizedId) ? maximizedId : null;

  useEffect(() => {
    if (maximized === null) return;
    const onKey = (e: KeyboardEvent) => {
      // Esc belongs to an open dialog, popover or menu first, and to the prompt (it leaves the box).
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]'))
        return;
      if (e.target instanceof Element && e.target.closest('[role="dialog"], [role="menu"]')) return;
      e.preventDefault();
      setMaximized(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [maximized]);

  const layout = useMemo<PaneLayoutState>(
    () => ({
      maximized,
      collapsed: collapsedIds,
      toggleMaximize: (id) => setMaximized((m) => (m === id ? null : id)),
      toggleCollapse: (id) =>
        setCollapsed((c) => {
          const next = new Set(c);
          if (!next.delete(id)) next.add(id);
          return next;
        }),
    }),
    [maximized, collapsedIds],
  );

  return (
    <>
      {count > 1 ? (
        <div className="grid-toolbar">
          <label htmlFor={selectId}>Columns</label>
          <select
            id={selectId}
            value={String(columns)}
            onChange={(e) => {
              const next = COLUMN_SETTINGS.find((c) => String(c) === e.target.value) ?? 'auto';
              setColumns(next);
              saveColumns(next);
            }}
          >
            {COLUMN_SETTINGS.map((c) => (
              <option key={c} value={String(c)}>
                {c === 'auto' ? 'Auto' : c}
              </option>
            ))}
          </select>
          <span className="muted" data-testid="pane-count">
            {count} panes
          </span>
        </div>
      ) : null}
      <div
        className="grid"
        data-count={Math.min(count, 4)}
        data-columns={columns}
        data-maximized={maximized ? 'true' : undefined}
        style={maximized ? undefined : { gridTemplateColumns: columnTemplate(columns, count) }}
      >
        <PaneLayoutContext value={layout}>{children}</PaneLayoutContext>
      </div>
    </>
  );
}
