import type { ProviderModels } from '@mlb/contracts';

import { sameModel, type SelectedModel } from './selection';

/** Why a provider offers nothing to pick, in words; null when it offers models. */
export function providerProblem({ provider, models, error }: ProviderModels): string | null {
  if (!provider.configured) return `Not configured. ${provider.hint ?? ''}`.trim();
  if (error) return `Could not list its models: ${error}`;
  if (provider.state === 'unhealthy')
    return `Not answering its health check${provider.lastError ? `: ${provider.lastError}` : '.'}`;
  if (models.length === 0) return 'It offers no models.';
  return null;
}

/** One provider in the model picker: its health, why it offers nothing, or its models to check. */
export function ProviderGroup({
  entry,
  models,
  chosen,
  onToggle,
}: {
  entry: ProviderModels;
  /** The models to show (the search may hide some). */
  models: ProviderModels['models'];
  chosen: readonly SelectedModel[];
  onToggle: (model: { providerId: string; modelId: string }) => void;
}) {
  const { provider } = entry;
  const problem = providerProblem(entry);
  return (
    <fieldset className="provider-group" data-provider={provider.id}>
      <legend>
        <span className={`health ${provider.state}`} aria-hidden />
        {provider.label}
        <span className="visually-hidden"> ({provider.state.replace('_', ' ')})</span>
      </legend>
      {problem ? <p className={provider.configured ? 'error-text' : 'muted'}>{problem}</p> : null}
      {models.map((m) => (
        <label key={m.id} className="model-option">
          <input
            type="checkbox"
            checked={chosen.some((s) => sameModel(s, { providerId: provider.id, modelId: m.id }))}
            onChange={() => onToggle({ providerId: provider.id, modelId: m.id })}
          />
          <span>{m.label}</span>
          {m.label !== m.id ? <span className="muted"> · {m.id}</span> : null}
          {m.inputPricePerMTok !== undefined && !m.simulated ? (
            <span className="muted">
              {' '}
              ${m.inputPricePerMTok} in / ${m.outputPricePerMTok} out per M tokens
            </span>
          ) : null}
        </label>
      ))}
    </fieldset>
  );
}
