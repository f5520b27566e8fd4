export {
  createWorkspace,
  type RedisSettings,
  type Workspace,
  type WorkspaceOptions,
} from './workspace';
export { DomainError, type DomainErrorCode } from './errors';
export { OverBudgetError } from './budget/over-budget-error';
export type { TrackedPaneEvent } from './session-service';
export type { RunSettings } from './pane-run';
export { publicFailure } from './public-failure';
