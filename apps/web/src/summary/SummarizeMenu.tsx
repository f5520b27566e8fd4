import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import type { PaneDetail } from '@mlb/contracts';

import { useTRPC } from '../trpc';
import { Popover } from '../ui/Popover';

export interface SummarizeRequest {
  providerId: string;
  modelId: string;
  paneIds: string[];
}

/** Pick the model that writes the summary and the panes whose latest answers it reads. */
export function SummarizeMenu({
  panes,
  disabled,
  onSummarize,
}: {
  panes: PaneDetail[];
  disabled: boolean;
  onSummarize: (r: SummarizeRequest) => void;
}) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions());
  const offered = (models.data ?? []).filter((l) => l.provider.configured && l.models.length > 0);
  const [open, setOpen] = useState(false);
  const [model, setModel] = useState('');
  const chat = panes.filter((p) => p.kind === 'chat');
  const [excluded, setExcluded] = useState<string[]>([]);
  const chosen = chat.filter((p) => !excluded.includes(p.id));
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label="Summarize answers"
      className="summarize-panel"
      align="end"
      trigger={
        <button type="button" disabled={disabled}>
          Summarize…
        </button>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const [providerId, ...rest] = model.split('/');
          if (!providerId || chosen.length === 0) return;
          onSummarize({ providerId, modelId: rest.join('/'), paneIds: chosen.map((p) => p.id) });
          setOpen(false);
        }}
      >
        <label>
          Summary model
          <select value={model} onChange={(e) => setModel(e.target.value)}>
            <option value="">Choose a model…</option>
            {offered.map(({ provider, models: list }) => (
              <optgroup key={provider.id} label={provider.label}>
                {list.map((m) => (
                  <option key={m.id} value={`${provider.id}/${m.id}`}>
                    {provider.id}/{m.id}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
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
    </Popover>
  );
}
