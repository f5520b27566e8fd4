export {
  createWorkspace,
  DEFAULT_RUN_SETTINGS,
  type Workspace,
  type WorkspaceOptions,
} from './workspace';
export { DomainError, type DomainErrorCode } from './errors';
export type { TrackedPaneEvent } from './session-service';
export type { ConnectionCounter } from './system-service';
export type { RunSettings } from './pane-run';
export { titleFromPrompt } from './broadcast-service';
