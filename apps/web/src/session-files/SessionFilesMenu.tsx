import * as Menu from '@radix-ui/react-dropdown-menu';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';

import type { SessionExportInput } from '@mlb/contracts';

import { describeError, type UserError } from '../errors/user-error';
import { useTRPC } from '../trpc';
import { downloadFile } from './download';
import { describeImportError, readImportFile } from './import-file';

import './session-files.css';

/**
 * The session's files: export it as Markdown (to read) or JSON (to import back), and import a JSON
 * export as a new session, which works without an open session too.
 */
export function SessionFilesMenu({
  sessionId,
  onImported,
}: {
  sessionId: string | null;
  onImported: (sessionId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const [failure, setFailure] = useState<UserError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const importSession = useMutation(trpc.sessions.import.mutationOptions());

  const exportAs = async (format: SessionExportInput['format']) => {
    if (!sessionId) return;
    setFailure(null);
    setBusy(format === 'json' ? 'Exporting JSON…' : 'Exporting Markdown…');
    try {
      // Always fresh: an export is of the session as it is now.
      const file = await queryClient.query({
        ...trpc.sessions.export.queryOptions({ sessionId, format }),
        staleTime: 0,
      });
      downloadFile(file);
    } catch (error) {
      setFailure(describeError(error, 'open'));
    } finally {
      setBusy(null);
    }
  };

  const importFrom = async (file: File) => {
    setFailure(null);
    setBusy('Importing…');
    try {
      const read = await readImportFile(file);
      if ('error' in read) return setFailure(read.error);
      const summary = await importSession.mutateAsync({ json: read.json });
      void queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() });
      onImported(summary.id);
    } catch (error) {
      setFailure(describeImportError(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="session-files">
      <Menu.Root modal={false}>
        <Menu.Trigger asChild>
          <button ref={trigger} type="button" aria-busy={busy !== null || undefined}>
            Session <span aria-hidden="true">⋯</span>
          </button>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className="menu" align="end" sideOffset={4} collisionPadding={8}>
            <Menu.Item
              className="menu-item"
              disabled={!sessionId}
              onSelect={() => void exportAs('markdown')}
            >
              Export Markdown
            </Menu.Item>
            <Menu.Item
              className="menu-item"
              disabled={!sessionId}
              onSelect={() => void exportAs('json')}
            >
              Export JSON
            </Menu.Item>
            <Menu.Separator className="menu-separator" />
            <Menu.Item className="menu-item" onSelect={() => fileInput.current?.click()}>
              Import session…
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
      {/* Outside the menu, which unmounts when it closes: the file chooser outlives it. */}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so choosing the same file again fires another change.
          e.target.value = '';
          if (file) void importFrom(file);
        }}
      />
      {/* aria-live without role=status: the app's one status is the connection banner. */}
      <span aria-live="polite" className="visually-hidden">
        {busy ?? ''}
      </span>
      {failure ? (
        <div className="error session-files-error" role="alert">
          {failure.message}
          <div className="suggestion">{failure.hint}</div>
          <button
            type="button"
            onClick={() => {
              setFailure(null);
              trigger.current?.focus();
            }}
          >
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
