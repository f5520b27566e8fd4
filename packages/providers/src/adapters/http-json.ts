import { errorFromStatus, messageFromBody, type ErrorContext } from '../core/provider-error';

/** GET a provider's JSON route (model lists, health), turning HTTP failures into ProviderErrors. */
export async function getJson<T>(ctx: ErrorContext, url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers, signal: signal ?? AbortSignal.timeout(10_000) });
  if (!response.ok) {
    throw errorFromStatus(ctx, response.status, messageFromBody(await response.text()), response.headers.get('retry-after'));
  }
  return (await response.json()) as T;
}

export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
