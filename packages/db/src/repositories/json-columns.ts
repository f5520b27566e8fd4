import type { Citation, FuseRequest, FuseSource, FuseTemplate } from '@mlb/contracts';

/*
 * JSON columns are written by this package only, but a hand-edited or truncated row must not break
 * a session: anything that does not have the expected shape reads as absent.
 */

function parse(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isIndex = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0;

// A record rather than the contracts' zod enum: keeps zod out of this package, and `satisfies`
// fails the build when a template is added there.
const TEMPLATES = {
  summarize: true,
  fuse: true,
  critique: true,
  pick_best: true,
  custom: true,
} satisfies Record<FuseTemplate, true>;

function toCitation(value: unknown): Citation | null {
  if (!isRecord(value)) return null;
  const { paragraph, start, end, labels, sources } = value;
  if (!isIndex(paragraph) || !isIndex(start) || !isIndex(end)) return null;
  if (!Array.isArray(labels) || !labels.every(isString) || !Array.isArray(sources)) return null;
  const refs = sources.filter(
    (s): s is { paneId: string; messageId: string } =>
      isRecord(s) && isString(s.paneId) && isString(s.messageId),
  );
  return {
    paragraph,
    start,
    end,
    labels,
    sources: refs.map(({ paneId, messageId }) => ({ paneId, messageId })),
  };
}

export function parseCitations(raw: string | null): Citation[] | undefined {
  const value = parse(raw);
  if (!Array.isArray(value)) return undefined;
  return value.map(toCitation).filter((c): c is Citation => c !== null);
}

function toSource(value: unknown): FuseSource | null {
  if (!isRecord(value)) return null;
  const { label, paneId, messageId, providerId, modelId } = value;
  if (![label, paneId, messageId, providerId, modelId].every(isString)) return null;
  return {
    label: label as string,
    paneId: paneId as string,
    messageId: messageId as string,
    providerId: providerId as string,
    modelId: modelId as string,
  };
}

export function parseFuseRequest(raw: string | null): FuseRequest | undefined {
  const value = parse(raw);
  if (!isRecord(value)) return undefined;
  const { template, instruction, sources } = value;
  if (!isString(template) || !Object.hasOwn(TEMPLATES, template)) return undefined;
  if (!isString(instruction) || !Array.isArray(sources)) return undefined;
  return {
    template: template as FuseTemplate,
    instruction,
    sources: sources.map(toSource).filter((s): s is FuseSource => s !== null),
  };
}

export const jsonColumn = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);
