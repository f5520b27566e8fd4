export interface SelectedModel {
  providerId: string;
  modelId: string;
  systemPrompt?: string;
  temperature?: number;
  maxTokens?: number;
}

const KEY = 'broadcast.selection';
const PRESETS = 'broadcast.presets';
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

export const loadSelection = (storage = store()) =>
  read<SelectedModel[]>(KEY, DEFAULT_SELECTION, storage);
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

export const sameModel = (
  a: { providerId: string; modelId: string },
  b: { providerId: string; modelId: string },
) => a.providerId === b.providerId && a.modelId === b.modelId;

export function toggleModel(
  selection: SelectedModel[],
  model: { providerId: string; modelId: string },
  max = 12,
): SelectedModel[] {
  if (selection.some((s) => sameModel(s, model)))
    return selection.filter((s) => !sameModel(s, model));
  return selection.length >= max
    ? selection
    : [...selection, { providerId: model.providerId, modelId: model.modelId }];
}
