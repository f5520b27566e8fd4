import { useState } from 'react';

import { LIMITS } from '@mlb/contracts';

import type { SelectedModel } from './selection';

/** Per-model system prompt and parameters, in a popover behind a chip's settings button. */
export function ModelSettings<M extends SelectedModel>({
  model,
  onChange,
  onClose,
  name = `${model.providerId}/${model.modelId}`,
}: {
  model: M;
  onChange: (m: M) => void;
  onClose: () => void;
  /** Its heading (blind mode: the pane's letter). */
  name?: string;
}) {
  const [systemPrompt, setSystemPrompt] = useState(model.systemPrompt ?? '');
  const [temperature, setTemperature] = useState(model.temperature?.toString() ?? '');
  const [maxTokens, setMaxTokens] = useState(model.maxTokens?.toString() ?? '');
  const temp = temperature.trim() === '' ? undefined : Number(temperature);
  const max = maxTokens.trim() === '' ? undefined : Number(maxTokens);
  const tempError =
    temp !== undefined && !(temp >= 0 && temp <= 2) ? 'Temperature is a number from 0 to 2.' : null;
  const maxError =
    max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 200_000)
      ? 'Max tokens is a whole number from 1 to 200000.'
      : null;
  return (
    <form
      className="model-settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (tempError || maxError) return;
        const { systemPrompt: _s, temperature: _t, maxTokens: _m, ...base } = model;
        // The model as it was (a pane target keeps its pane), with these three settings replaced.
        onChange({
          ...base,
          ...(systemPrompt.trim() ? { systemPrompt } : {}),
          ...(temp !== undefined ? { temperature: temp } : {}),
          ...(max !== undefined ? { maxTokens: max } : {}),
        } as M);
        onClose();
      }}
    >
      <strong>{name}</strong>
      <label>
        System prompt
        <textarea
          value={systemPrompt}
          maxLength={LIMITS.systemPromptMaxChars}
          rows={3}
          placeholder="None"
          onChange={(e) => setSystemPrompt(e.target.value)}
        />
      </label>
      <div className="row">
        <label>
          Temperature
          <input
            type="number"
            step="0.1"
            min={0}
            max={2}
            placeholder="default"
            value={temperature}
            onChange={(e) => setTemperature(e.target.value)}
            aria-invalid={tempError !== null}
          />
        </label>
        <label>
          Max tokens
          <input
            type="number"
            step="1"
            min={1}
            placeholder="default"
            value={maxTokens}
            onChange={(e) => setMaxTokens(e.target.value)}
            aria-invalid={maxError !== null}
          />
        </label>
      </div>
      {tempError || maxError ? (
        <p className="error-text" role="alert">
          {tempError ?? maxError}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary">
          Apply
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function hasSettings(m: SelectedModel): boolean {
  return Boolean(m.systemPrompt) || m.temperature !== undefined || m.maxTokens !== undefined;
}
