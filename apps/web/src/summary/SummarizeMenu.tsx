import { useState } from 'react';

import type { PaneDetail } from '@mlb/contracts';

import type { SelectedModel } from '../models/selection';

export interface SummarizeRequest {
  providerId: string;
  modelId: string;
  paneIds: string[];
}

/** Pick the model that writes the summary and the panes whose latest answers it reads. */
export function SummarizeMenu({
  panes,
  models,
  disabled,
  onSummarize,
}: {
  panes: PaneDetail[];
  models: SelectedModel[];
  disabled: boolean;
  onSummarize: (r: SummarizeRequest) => void;
}) {
  const [open, setOpen] = useState(false);
  const [model, setModel] = useState('');
  const chat = panes.filter((p) => p.kind === 'chat');
  const [excluded, setExcluded] = useState<string[]>([]);
  const chosen = chat.filter((p) => !excluded.includes(p.id));
  return (
    <span className="summarize-wrap">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        disabled={disabled}
      >
        Summarize…
      </button>
      {open ? (
        <form
          className="summarize-panel"
          role="dialog"
          aria-label="Summarize answers"
          onSubmit={(e) => {
            e.preventDefault();
            const [providerId, ...rest] = model.split('/');
            if (!providerId || chosen.length === 0) return;
            onSummarize({ providerId, modelId: rest.join('/'), paneIds: chosen.map((p) => p.id) });
            setOpen(false);
          }}
        >
          <select
            aria-label="Summary model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
          >
            <option value="">Summary model…</option>
            {models.map((s) => (
              <option key={`${s.providerId}/${s.modelId}`} value={`${s.providerId}/${s.modelId}`}>
                {s.providerId}/{s.modelId}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>Answers to summarize</legend>
            {chat.map((p) => (
              <label key={p.id}>
                <input
                  type="checkbox"
                  checked={!excluded.includes(p.id)}
                  onChange={() =>
                    setExcluded((x) =>
                      x.includes(p.id) ? x.filter((id) => id !== p.id) : [...x, p.id],
                    )
                  }
                />
                {p.providerId} / {p.modelId}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={!model || chosen.length === 0}>
            Summarize
          </button>
        </form>
      ) : null}
    </span>
  );
}
