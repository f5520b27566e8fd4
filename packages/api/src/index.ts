export { appRouter, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export { createCallerFactory, type ApiContext, type FieldIssue } from './trpc';
