import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '../trpc';
import { hasSettings, ModelSettings } from './ModelSettings';
import { loadPresets, sameModel, savePreset, toggleModel, type SelectedModel } from './selection';

export function ModelPicker({
  selection,
  onChange,
}: {
  selection: SelectedModel[];
  onChange: (s: SelectedModel[]) => void;
}) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions());
  const [open, setOpen] = useState(false);
  const [presets, setPresets] = useState(loadPresets);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <div className="picker">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Models ({selection.length})
      </button>
      <span className="chips">
        {selection.map((s) => (
          <span
            key={`${s.providerId}/${s.modelId}`}
            className={hasSettings(s) ? 'chip custom' : 'chip'}
          >
            {s.providerId}/{s.modelId}
            <button
              type="button"
              aria-label={`Settings for ${s.providerId}/${s.modelId}`}
              aria-expanded={editing === `${s.providerId}/${s.modelId}`}
              title={
                hasSettings(s)
                  ? 'Custom system prompt or parameters'
                  : 'System prompt and parameters'
              }
              onClick={() =>
                setEditing((e) =>
                  e === `${s.providerId}/${s.modelId}` ? null : `${s.providerId}/${s.modelId}`,
                )
              }
            >
              ⚙
            </button>
            <button
              type="button"
              aria-label={`Remove ${s.providerId}/${s.modelId}`}
              onClick={() => onChange(selection.filter((x) => !sameModel(x, s)))}
            >
              ×
            </button>
            {editing === `${s.providerId}/${s.modelId}` ? (
              <ModelSettings
                model={s}
                onClose={() => setEditing(null)}
                onChange={(m) => onChange(selection.map((x) => (sameModel(x, m) ? m : x)))}
              />
            ) : null}
          </span>
        ))}
      </span>
      {open ? (
        <div className="picker-panel" role="dialog" aria-label="Choose models">
          <div className="presets">
            {Object.entries(presets).map(([name, set]) => (
              <button key={name} type="button" onClick={() => onChange(set)}>
                {name}
              </button>
            ))}
            <button
              type="button"
              onClick={() => {
                const name = window.prompt('Preset name')?.trim();
                if (name) setPresets(savePreset(name, selection));
              }}
            >
              Save preset
            </button>
          </div>
          {models.isLoading ? <p className="muted">Loading models…</p> : null}
          {models.data?.map(({ provider, models: list, error }) => {
            // Why a configured provider is a problem: its list failed, or it answered with no
            // usable model, or its last health check failed.
            const problem = error ?? (provider.state === 'unhealthy' ? provider.lastError : null);
            return (
              <fieldset key={provider.id}>
                <legend>
                  <span
                    className={`health ${provider.state}`}
                    aria-label={`${provider.label}: ${provider.state}${problem ? ` (${problem})` : ''}`}
                    title={problem ?? provider.state}
                  />{' '}
                  {provider.label}
                </legend>
                {!provider.configured ? (
                  <p className="muted">Not configured. {provider.hint}</p>
                ) : null}
                {problem ? <p className="error-text">{problem}</p> : null}
                {list.map((m) => (
                  <label key={m.id}>
                    <input
                      type="checkbox"
                      checked={selection.some((s) =>
                        sameModel(s, { providerId: provider.id, modelId: m.id }),
                      )}
                      onChange={() =>
                        onChange(toggleModel(selection, { providerId: provider.id, modelId: m.id }))
                      }
                    />
                    {m.label}
                    {m.inputPricePerMTok !== undefined && !m.simulated ? (
                      <span className="muted">
                        {' '}
                        ${m.inputPricePerMTok}/${m.outputPricePerMTok} per M
                      </span>
                    ) : null}
                  </label>
                ))}
              </fieldset>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
