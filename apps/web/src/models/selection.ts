import { LIMITS, type ProviderModels } from '@mlb/contracts';

export interface SelectedModel {
  providerId: string;
  modelId: string;
  systemPrompt?: string;
  temperature?: number;
  maxTokens?: number;
}

const KEY = 'broadcast.selection';
const PRESETS = 'broadcast.presets';
/** The first run's models when the built-in demo provider is there: it works offline. */
export const DEFAULT_SELECTION: SelectedModel[] = [
  { providerId: 'demo', modelId: 'demo-fast' },
  { providerId: 'demo', modelId: 'demo-balanced' },
  { providerId: 'demo', modelId: 'demo-slow' },
];

function read<T>(key: string, fallback: T, storage: Pick<Storage, 'getItem'> | undefined): T {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

const store = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** The models this browser chose last for a new session; null before it ever chose. */
export const loadSelection = (storage = store()) =>
  read<SelectedModel[] | null>(KEY, null, storage);
export const saveSelection = (selection: SelectedModel[], storage = store()) =>
  storage?.setItem(KEY, JSON.stringify(selection));
export const loadPresets = (storage = store()) =>
  read<Record<string, SelectedModel[]>>(PRESETS, {}, storage);
export function savePreset(
  name: string,
  selection: SelectedModel[],
  storage = store(),
): Record<string, SelectedModel[]> {
  const presets = { ...loadPresets(storage), [name]: selection };
  storage?.setItem(PRESETS, JSON.stringify(presets));
  return presets;
}
export function deletePreset(name: string, storage = store()): Record<string, SelectedModel[]> {
  const { [name]: _gone, ...presets } = loadPresets(storage);
  storage?.setItem(PRESETS, JSON.stringify(presets));
  return presets;
}

export const sameModel = (
  a: { providerId: string; modelId: string },
  b: { providerId: string; modelId: string },
) => a.providerId === b.providerId && a.modelId === b.modelId;

export const modelName = (m: { providerId: string; modelId: string }) =>
  `${m.providerId}/${m.modelId}`;

export function toggleModel(
  selection: SelectedModel[],
  model: { providerId: string; modelId: string },
  max: number = LIMITS.panesPerBroadcast,
): SelectedModel[] {
  if (selection.some((s) => sameModel(s, model)))
    return selection.filter((s) => !sameModel(s, model));
  return selection.length >= max
    ? selection
    : [...selection, { providerId: model.providerId, modelId: model.modelId }];
}

/** Whether the server lists this model now (a configured provider that offers it). */
export function isOffered(model: SelectedModel, lists: readonly ProviderModels[]): boolean {
  const list = lists.find((l) => l.provider.id === model.providerId);
  if (!list?.provider.configured) return false;
  // A provider whose listing failed may still serve the model: keep it, the answer will say.
  return list.error !== null || list.models.some((m) => m.id === model.modelId);
}

/**
 * The models a new session starts with: the remembered choice, less models the server no longer
 * offers. On a first run, or when none of the remembered models is offered any more: the demo
 * models when the demo provider is there, else the first model of up to three configured
 * providers, else none (the picker then says how to add one).
 */
export function startingSelection(
  remembered: SelectedModel[] | null,
  lists: readonly ProviderModels[],
): SelectedModel[] {
  if (remembered) {
    const kept = remembered.filter((m) => isOffered(m, lists));
    if (kept.length > 0 || remembered.length === 0) return kept;
  }
  const demo = DEFAULT_SELECTION.filter((m) => isOffered(m, lists));
  if (demo.length > 0) return demo;
  return lists
    .filter((l) => l.provider.configured && l.provider.state !== 'unhealthy' && !l.error)
    .flatMap((l) => l.models.slice(0, 1))
    .slice(0, 3)
    .map((m) => ({ providerId: m.providerId, modelId: m.id }));
}
