import { createContext, use } from 'react';

/** Which pane fills the grid, and which show their header only. */
export interface PaneLayoutState {
  maximized: string | null;
  collapsed: ReadonlySet<string>;
  toggleMaximize: (paneId: string) => void;
  toggleCollapse: (paneId: string) => void;
}

export const PaneLayoutContext = createContext<PaneLayoutState | null>(null);

export interface PaneLayout {
  maximized: boolean;
  collapsed: boolean;
  toggleMaximize: () => void;
  toggleCollapse: () => void;
}

const fixed: PaneLayout = {
  maximized: false,
  collapsed: false,
  toggleMaximize: () => {},
  toggleCollapse: () => {},
};

/** A pane's place in the grid; outside a PaneGrid, a plain pane that cannot change it. */
export function usePaneLayout(paneId: string): PaneLayout | null {
  const state = use(PaneLayoutContext);
  if (!state) return null;
  return {
    maximized: state.maximized === paneId,
    collapsed: state.collapsed.has(paneId),
    toggleMaximize: () => state.toggleMaximize(paneId),
    toggleCollapse: () => state.toggleCollapse(paneId),
  };
}

/** A pane's attributes for the grid's stylesheet (grid.css). */
export const layoutAttributes = (layout: PaneLayout | null) => ({
  'data-maximized': layout?.maximized ? 'true' : undefined,
  'data-collapsed': layout?.collapsed && !layout.maximized ? 'true' : undefined,
});

/** Maximize / restore and collapse / expand, named for the pane they act on. */
export function PaneLayoutButtons({ layout, label }: { layout: PaneLayout | null; label: string }) {
  const l = layout ?? fixed;
  if (!layout) return null;
  return (
    <span className="pane-layout-buttons">
      {l.maximized ? null : (
        <button
          type="button"
          className="icon"
          aria-label={`${l.collapsed ? 'Expand' : 'Collapse'} ${label}`}
          aria-expanded={!l.collapsed}
          title={l.collapsed ? 'Expand' : 'Collapse to its header'}
          onClick={l.toggleCollapse}
        >
          {l.collapsed ? '▸' : '▾'}
        </button>
      )}
      <button
        type="button"
        className="icon"
        aria-label={`${l.maximized ? 'Restore' : 'Maximize'} ${label}`}
        aria-pressed={l.maximized}
        aria-keyshortcuts={l.maximized ? 'Escape' : undefined}
        title={l.maximized ? 'Restore the grid (Esc)' : 'Fill the grid with this pane'}
        onClick={l.toggleMaximize}
      >
        {l.maximized ? '⤡' : '⤢'}
      </button>
    </span>
  );
}
