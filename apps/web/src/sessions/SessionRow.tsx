import * as Menu from '@radix-ui/react-dropdown-menu';
import { useRef, useState } from 'react';

import type { SessionSummary } from '@mlb/contracts';

import { plural } from '../format';

export type RowAction = 'rename' | 'delete';

/**
 * One session in the list: one Tab stop (the row), its actions on the row's menu. The menu opens
 * from its ⋯ button, or from the row with the context-menu key, Shift+F10 or the right-click;
 * F2 renames and Delete deletes straight away (each after its dialog).
 */
export function SessionRow({
  session,
  when,
  current,
  onSelect,
  onAction,
}: {
  session: SessionSummary;
  /** When it was last used, as precise as it takes to tell it from the rows around it. */
  when: string;
  current: boolean;
  onSelect: () => void;
  /** `row` is the row's button, for focus to come back to after the dialog. */
  onAction: (action: RowAction, row: HTMLButtonElement | null) => void;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const row = useRef<HTMLButtonElement>(null);
  return (
    <li className={current ? 'active' : undefined}>
      <button
        ref={row}
        type="button"
        className="session"
        onClick={onSelect}
        aria-current={current ? 'page' : undefined}
        aria-keyshortcuts="Shift+F10 F2 Delete"
        title={`${session.title}\n${new Date(session.updatedAt).toLocaleString()}`}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenuOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
            e.preventDefault();
            setMenuOpen(true);
          } else if (e.key === 'F2') {
            e.preventDefault();
            onAction('rename', row.current);
          } else if (e.key === 'Delete') {
            e.preventDefault();
            onAction('delete', row.current);
          }
        }}
      >
        <span className="session-title">{session.title}</span>
        <span className="session-meta">
          {when} · {plural(session.paneCount, 'pane')}
        </span>
      </button>
      <Menu.Root open={menuOpen} onOpenChange={setMenuOpen} modal={false}>
        <Menu.Trigger asChild>
          <button
            type="button"
            className="row-menu"
            tabIndex={-1}
            aria-label={`Actions for ${session.title}`}
          >
            ⋯
          </button>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content
            className="menu"
            align="end"
            sideOffset={4}
            collisionPadding={8}
            // Back to the row, the list's one Tab stop, rather than to the ⋯ button.
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              row.current?.focus();
            }}
          >
            <Menu.Item className="menu-item" onSelect={() => onAction('rename', row.current)}>
              Rename…
            </Menu.Item>
            <Menu.Item
              className="menu-item danger"
              onSelect={() => onAction('delete', row.current)}
            >
              Delete…
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    </li>
  );
}
