export { appRouter, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export type { ApiContext, WorkspacePort } from './context';
export { createCallerFactory, type FieldIssue } from './trpc';
