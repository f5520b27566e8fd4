import type { IncomingMessage, ServerResponse } from 'node:http';

import { publicFailure } from '@mlb/domain';
import type { Logger } from '@mlb/logger';

import { BodyTooLargeError, type Refusal } from '../security';
import { toSnakeCase } from './json-case';
import { domainProblem, methodNotAllowed, NOT_FOUND, sendJson, sendProblem } from './problems';
import { readInput } from './request-input';
import type { RestRoute } from './route';

type Match =
  | { kind: 'route'; route: RestRoute; params: Record<string, string> }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

/** `/sessions/{session_id}` → a pattern whose named groups are the path's parameters. */
const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/\{(\w+)\}/g, (_match, name: string) => `(?<${name}>[^/]+)`)}$`);

/**
 * Finds the route for a request and runs it: input from where the original sends it, checked by
 * its contract schema (422 in FastAPI's format), the workspace's answer as snake_case JSON, a
 * refusal of the workspace with its status, code and suggestion. HEAD is answered as GET.
 */
export function createDispatcher(options: {
  routes: readonly RestRoute[];
  maxBodyBytes: number;
  logger: Logger;
}) {
  const compiled = options.routes.map((route) => ({ route, pattern: patternOf(route.path) }));

  function match(method: string, path: string): Match {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allow: string[] = [];
    for (const { route, pattern } of compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(
          Object.entries(found.groups ?? {}).map(([name, value]) => [
            name,
            decodeURIComponent(value),
          ]),
        );
      } catch {
        return { kind: 'none' };
      }
      if (route.method === wanted) return { kind: 'route', route, params };
      allow.push(route.method, ...(route.method === 'GET' ? ['HEAD'] : []));
    }
    return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
  }

  async function run(
    route: RestRoute,
    params: Record<string, string>,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://workspace');
    const input = await readInput(route, req, url, params, options.maxBodyBytes);
    if (!input.ok) {
      options.logger.debug({ path: route.path, problems: input.problem.detail }, 'invalid input');
      return sendJson(res, 422, input.problem);
    }
    const result = await route.run(input.value, req);
    const statusOf = route.response.statusOf as ((result: unknown) => number) | undefined;
    sendJson(res, statusOf?.(result) ?? route.response.status, toSnakeCase(result));
  }

  return {
    /**
     * Answers a request on one of the API's paths (the guards have passed): its route, or a
     * JSON 404 or 405. `refuse` answers a body over the limit.
     */
    handle(
      req: IncomingMessage,
      res: ServerResponse,
      path: string,
      refuse: (refusal: Refusal) => void,
    ) {
      const found = match(req.method ?? 'GET', path);
      if (found.kind === 'none') return sendProblem(res, 404, NOT_FOUND);
      if (found.kind === 'method')
        return sendProblem(res, 405, methodNotAllowed(found.allow), {
          allow: found.allow.join(', '),
        });
      const { route, params } = found;
      run(route, params, req, res).catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) return refuse(error.refusal);
        if (res.destroyed) return;
        const failure = publicFailure(error);
        const level = failure.code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'debug';
        options.logger[level]({ err: error, path: route.path, code: failure.code }, 'api error');
        const { status, body } = domainProblem(failure);
        if (res.headersSent) res.destroy();
        else sendProblem(res, status, body);
      });
    },
  };
}
