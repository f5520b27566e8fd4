import { transformTRPCResponse, TRPCError } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY, type TRPCErrorShape } from '@trpc/server/rpc';

import type { AppRouter } from '@mlb/api';

import type { Refusal } from './security/refusal';
import type { CallMessage } from './security/ws-limits';

/**
 * Refusals answered in tRPC's own error format (shaped by the router's error formatter and
 * serialized by its transformer), so the typed client and the web app show their message as
 * they show any error of a procedure.
 */
export function createTrpcRefusals(router: AppRouter) {
  const config = router._def._config;
  const shapeOf = (refusal: Refusal, path: string | undefined): TRPCErrorShape => {
    const error = new TRPCError({ code: refusal.code, message: refusal.message });
    return config.errorFormatter({
      error,
      type: 'unknown',
      path,
      input: undefined,
      ctx: undefined,
      shape: {
        message: refusal.message,
        code: TRPC_ERROR_CODES_BY_KEY[refusal.code],
        data: { code: refusal.code, httpStatus: refusal.status, ...(path ? { path } : {}) },
      },
    });
  };

  return {
    /** The JSON body of an HTTP /trpc/<path> response; a batch (`?batch=1`) gets one error per call. */
    httpBody(refusal: Refusal, url: string): { contentType: string; text: string } {
      const { pathname, searchParams } = new URL(url, 'http://workspace');
      const paths = decodeURIComponent(pathname.replace(/^\/trpc\/?/, '')).split(',');
      const one = (path: string) =>
        transformTRPCResponse(config, { error: shapeOf(refusal, path) });
      const body = searchParams.get('batch') === '1' ? paths.map(one) : one(paths[0] ?? '');
      return { contentType: 'application/json', text: JSON.stringify(body) };
    },
    /** The reply to one refused WebSocket call, before encoding. */
    wsReply(call: CallMessage, refusal: Refusal): unknown {
      return transformTRPCResponse(config, {
        id: call.id,
        jsonrpc: call.jsonrpc,
        error: shapeOf(refusal, call.params?.path),
      });
    },
  };
}
