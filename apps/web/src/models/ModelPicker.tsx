import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';

import { LIMITS, type ProviderModels } from '@mlb/contracts';

import { useTRPC } from '../trpc';
import { Popover } from '../ui/Popover';
import { PromptDialog } from '../ui/PromptDialog';
import { hasSettings, ModelSettings } from './ModelSettings';
import { ProviderGroup } from './ProviderGroup';
import { deletePreset, loadPresets, modelName, savePreset } from './selection';
import {
  asSelection,
  chooseModels,
  include,
  isIncluded,
  leaveOut,
  toggleTarget,
  type TurnTarget,
} from './turn-targets';

const providerMatches = (entry: ProviderModels, q: string) =>
  `${entry.provider.id} ${entry.provider.label}`.toLowerCase().includes(q);

/** The provider's models the search `q` (lower case) finds: all of them when it names the provider. */
function matches(entry: ProviderModels, q: string) {
  if (!q || providerMatches(entry, q)) return entry.models;
  return entry.models.filter((m) => `${m.id} ${m.label}`.toLowerCase().includes(q));
}

/**
 * The models the next prompt goes to. In an open session: its panes (each can be left out, and
 * brought back) and models added as new panes; in a new session: the remembered choice.
 */
export function ModelPicker({
  targets,
  onChange,
  inSession,
  loading,
  open,
  onOpenChange,
  chipName = modelName,
}: {
  targets: TurnTarget[];
  onChange: (targets: TurnTarget[]) => void;
  inSession: boolean;
  /** The targets are not known yet (the session or the model list is loading). */
  loading: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What a chip calls its model (blind mode: the pane's letter). */
  chipName?: (target: TurnTarget) => string;
}) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions());
  const [presets, setPresets] = useState(loadPresets);
  const [naming, setNaming] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const trigger = useRef<HTMLButtonElement>(null);
  const included = targets.filter(isIncluded);
  const lists = models.data ?? [];
  const q = query.trim().toLowerCase();
  const shown = lists
    .map((entry) => ({ entry, models: matches(entry, q) }))
    .filter(({ entry, models: list }) => !q || list.length > 0 || providerMatches(entry, q));
  const anyAvailable = lists.some((l) => l.provider.configured && l.models.length > 0);

  return (
    <div className="picker" role="group" aria-label="Models to ask">
      <Popover
        open={open}
        onOpenChange={onOpenChange}
        label="Choose models"
        className="picker-panel"
        trigger={
          <button type="button" ref={trigger} aria-keyshortcuts="Alt+M">
            Models ({included.length}
            {inSession && included.length !== targets.length ? ` of ${targets.length}` : ''})
          </button>
        }
      >
        <input
          type="search"
          className="picker-search"
          aria-label="Search models"
          placeholder="Search models or providers"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {included.length >= LIMITS.panesPerBroadcast ? (
          <p className="notice" role="status" data-testid="picker-full">
            {LIMITS.panesPerBroadcast} models chosen, the most one broadcast can ask: leave one out
            to add another.
          </p>
        ) : null}
        <div className="presets" role="group" aria-label="Presets">
          {Object.entries(presets).map(([name, set]) => (
            <span key={name} className="preset">
              <button
                type="button"
                title={set.map(modelName).join(', ')}
                onClick={() => onChange(chooseModels(targets, set))}
              >
                {name}
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Delete preset ${name}`}
                onClick={() => setPresets(deletePreset(name))}
              >
                ×
              </button>
            </span>
          ))}
          <button
            type="button"
            disabled={included.length === 0}
            onClick={() => {
              onOpenChange(false);
              setNaming(true);
            }}
          >
            Save as preset…
          </button>
        </div>
        {models.isLoading ? <p className="muted">Loading models…</p> : null}
        {models.error ? (
          <p className="error-text" role="alert">
            Could not load the models: {models.error.message}
          </p>
        ) : null}
        {shown.map(({ entry, models: list }) => (
          <ProviderGroup
            key={entry.provider.id}
            entry={entry}
            models={list}
            chosen={included}
            onToggle={(model) => onChange(toggleTarget(targets, model))}
          />
        ))}
        {q && shown.length === 0 ? (
          <p className="muted" role="status">
            No model matches “{query.trim()}”.
          </p>
        ) : null}
      </Popover>
      <ul className="chips" aria-label={inSession ? 'Next turn goes to' : 'Chosen models'}>
        {targets.map((t, i) => {
          const name = chipName(t);
          const key = t.paneId ?? `new:${i}:${name}`;
          return (
            <li
              key={key}
              className={`chip${hasSettings(t) ? ' custom' : ''}${t.skipped ? ' skipped' : ''}`}
            >
              <span className="chip-name">{name}</span>
              {inSession && t.paneId === undefined ? (
                <span className="chip-tag">new pane</span>
              ) : null}
              {t.skipped ? (
                <>
                  <span className="chip-tag">left out</span>
                  <button
                    type="button"
                    aria-label={`Ask ${name} again next turn`}
                    title="Ask it again next turn"
                    onClick={() => onChange(include(targets, i))}
                  >
                    +
                  </button>
                </>
              ) : (
                <>
                  <Popover
                    open={editing === key}
                    onOpenChange={(o) => setEditing(o ? key : null)}
                    label={`Settings for ${name}`}
                    className="model-settings-popover"
                    trigger={
                      <button
                        type="button"
                        aria-label={`Settings for ${name}`}
                        title={
                          hasSettings(t)
                            ? 'Custom system prompt or parameters'
                            : 'System prompt and parameters'
                        }
                      >
                        ⚙
                      </button>
                    }
                  >
                    <ModelSettings
                      model={t}
                      name={name}
                      onClose={() => setEditing(null)}
                      onChange={(m) => onChange(targets.map((x, j) => (j === i ? m : x)))}
                    />
                  </Popover>
                  <button
                    type="button"
                    aria-label={
                      t.paneId !== undefined ? `Skip ${name} next turn` : `Remove ${name}`
                    }
                    title={t.paneId !== undefined ? 'Skip it next turn (its pane stays)' : 'Remove'}
                    onClick={() => onChange(leaveOut(targets, i))}
                  >
                    ×
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {!loading && included.length === 0 ? (
        <p className="hint" id="models-hint">
          {!models.isLoading && !anyAvailable
            ? 'No model is available yet: configure a provider (Models lists what each one needs) and restart the server.'
            : 'Choose at least one model under Models.'}
        </p>
      ) : null}
      {naming ? (
        <PromptDialog
          title="Save as preset"
          label="Preset name"
          submitLabel="Save preset"
          maxLength={40}
          onSubmit={(name) => setPresets(savePreset(name, asSelection(included)))}
          onClose={() => setNaming(false)}
          returnFocus={() => trigger.current}
        />
      ) : null}
    </div>
  );
}
