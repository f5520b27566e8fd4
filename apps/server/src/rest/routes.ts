import {
  broadcastCreateInput,
  modelsListInput,
  sendToInput,
  sessionRefInput,
  sessionsListInput,
  summarizeCreateInput,
  type ProviderStatus,
  type RuntimeStats,
} from '@mlb/contracts';
import type { Workspace } from '@mlb/domain';

import { healthStatusCode } from './health-report';
import { route, type RestRoute } from './route';
import {
  broadcastResult,
  deletedResult,
  healthReport,
  providerModels,
  providerStatus,
  runResult,
  sendToResult,
  sessionDetail,
  sessionsPage,
  systemStats,
  type HealthReportBody,
} from './view-schemas';

/** What the original's POST /broadcast takes: the contract's input, `session_id` kept when new. */
export const restBroadcastInput = broadcastCreateInput.omit({ createIfMissing: true });

export interface RouteDeps {
  workspace: Workspace;
  runtime: () => RuntimeStats;
  health: () => Promise<HealthReportBody>;
  /** Checks the providers now (and keeps the answer for GET /health). */
  checkProviders: () => Promise<ProviderStatus[]>;
}

/** The original backend's routes, each a thin call into the workspace. */
export function createRoutes({
  workspace,
  runtime,
  health,
  checkProviders,
}: RouteDeps): RestRoute[] {
  return [
    route({
      method: 'GET',
      path: '/health',
      operationId: 'health',
      tag: 'System',
      summary: 'Health check with provider status',
      description:
        'For load balancers: 200 while the database answers, 503 when it does not. Needs no sign-in. ' +
        'Providers are listed as their last check found them; it never waits for a provider.',
      response: {
        status: 200,
        description: 'The database answers (status may still be degraded).',
        schema: healthReport,
        statusOf: healthStatusCode,
      },
      errors: [503],
      run: () => health(),
    }),
    route({
      method: 'POST',
      path: '/broadcast',
      operationId: 'broadcast',
      tag: 'Broadcast',
      summary: 'Create broadcast to multiple models',
      description:
        'Starts one answer per model and returns at once; the answers stream on WS /ws/{session_id}. ' +
        'With `session_id` the session continues, or starts under that id when it does not exist yet.',
      input: { from: 'body', schema: restBroadcastInput },
      response: { status: 200, description: 'The answers started.', schema: broadcastResult },
      errors: [400, 409, 413, 429, 503],
      run: (input) =>
        workspace.broadcast({ ...input, createIfMissing: input.sessionId !== undefined }),
    }),
    route({
      method: 'POST',
      path: '/send-to',
      operationId: 'sendTo',
      tag: 'Broadcast',
      summary: 'Transfer content between panes',
      description:
        '`context` mode adds the source answer (or `text`) to the targets’ threads; `prompt` mode runs it there.',
      input: { from: 'body', schema: sendToInput },
      response: { status: 200, description: 'What was added or started.', schema: sendToResult },
      errors: [400, 404, 409, 413, 429, 503],
      run: (input) => workspace.sendTo(input),
    }),
    route({
      method: 'POST',
      path: '/summarize',
      operationId: 'summarize',
      tag: 'Broadcast',
      summary: 'Generate summaries of conversations',
      description:
        'Summarizes the chosen panes (all chat panes with an answer when `pane_ids` is absent) into a new summary pane.',
      input: { from: 'body', schema: summarizeCreateInput },
      response: { status: 200, description: 'The summary answer started.', schema: runResult },
      errors: [400, 404, 409, 413, 429, 503],
      run: (input) => workspace.summarize(input),
    }),
    route({
      method: 'GET',
      path: '/sessions',
      operationId: 'listSessions',
      tag: 'Sessions',
      summary: 'List sessions with pagination',
      description:
        'Newest first, `limit` per page; pass the answer’s `next_cursor` as `cursor` for the next page.',
      input: { from: 'query', schema: sessionsListInput },
      response: { status: 200, description: 'One page of sessions.', schema: sessionsPage },
      errors: [503],
      run: (input) => workspace.sessions.list(input),
    }),
    route({
      method: 'GET',
      path: '/sessions/{session_id}',
      operationId: 'getSession',
      tag: 'Sessions',
      summary: 'Get session details',
      description:
        'Its panes with their messages and metrics; answers still streaming show their text so far.',
      input: { from: 'path', schema: sessionRefInput },
      response: { status: 200, description: 'The session.', schema: sessionDetail },
      errors: [404, 503],
      run: (input) => workspace.sessions.get(input.sessionId),
    }),
    route({
      method: 'DELETE',
      path: '/sessions/{session_id}',
      operationId: 'deleteSession',
      tag: 'Sessions',
      summary: 'Delete session',
      description: 'Stops its running answers first.',
      input: { from: 'path', schema: sessionRefInput },
      response: { status: 200, description: 'Deleted.', schema: deletedResult },
      errors: [404, 503],
      run: (input) => workspace.sessions.delete(input.sessionId),
    }),
    route({
      method: 'GET',
      path: '/models',
      operationId: 'listModels',
      tag: 'System',
      summary: 'Get available models from all providers',
      description:
        'Per provider, its status and models; lists are cached (`refresh=true` asks the providers again).',
      input: { from: 'query', schema: modelsListInput.unwrap() },
      response: {
        status: 200,
        description: 'Every provider, demo first.',
        schema: providerModels.array(),
      },
      run: (input) => workspace.models(input.refresh),
    }),
    route({
      method: 'GET',
      path: '/providers/health',
      operationId: 'providersHealth',
      tag: 'System',
      summary: 'Check provider health status',
      description: 'Checks every configured provider now; the others say which variables to set.',
      response: { status: 200, description: 'Every provider.', schema: providerStatus.array() },
      run: () => checkProviders(),
    }),
    route({
      method: 'GET',
      path: '/stats',
      operationId: 'stats',
      tag: 'System',
      summary: 'Get system statistics',
      response: {
        status: 200,
        description: 'The workspace’s and the process’s figures.',
        schema: systemStats,
      },
      run: async () => ({ ...(await workspace.stats()), ...runtime() }),
    }),
  ];
}
