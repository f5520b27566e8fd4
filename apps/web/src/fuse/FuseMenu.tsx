import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';

import {
  formatUsd,
  FUSE_TEMPLATE_LABELS,
  type Forecast,
  type FuseCreateInput,
  type FuseTemplate,
  type PaneDetail,
} from '@mlb/contracts';

import type { UserError } from '../errors/user-error';
import { useTRPC } from '../trpc';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Popover } from '../ui/Popover';
import { describeFuseError, overBudgetForecast, overBudgetText, remember } from './fuse-request';

import './fuse.css';

const TEMPLATES = Object.keys(FUSE_TEMPLATE_LABELS) as FuseTemplate[];
const CUSTOM_NEEDS_TEXT =
  'A custom fusion needs an instruction: say what the model should do with the answers.';

/**
 * Fuse the panes' latest answers: pick a template, the model that writes the fusion and the
 * panes it reads; the instruction is shown and editable (the server remembers an edited one per
 * template). A fusion over budget asks before it runs.
 */
export function FuseMenu({
  sessionId,
  panes,
  disabled = false,
  onStarted,
}: {
  sessionId: string | null;
  panes: PaneDetail[];
  /** No fusions while blind names are hidden (its request and citations would name the models). */
  disabled?: boolean;
  /** A fusion started: its new pane is in the session now. */
  onStarted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const models = useQuery(trpc.models.list.queryOptions());
  const templates = useQuery({ ...trpc.fuse.templates.queryOptions(), enabled: open });
  const fuse = useMutation(trpc.fuse.create.mutationOptions());
  const offered = (models.data ?? []).filter((l) => l.provider.configured && l.models.length > 0);

  const [template, setTemplate] = useState<FuseTemplate>('fuse');
  const [model, setModel] = useState('');
  const chat = panes.filter((p) => p.kind === 'chat');
  const [excluded, setExcluded] = useState<string[]>([]);
  const chosen = chat.filter((p) => !excluded.includes(p.id));
  // The user's edits, per template, until a fusion sends them (then the server has them).
  const [edits, setEdits] = useState<Partial<Record<FuseTemplate, string>>>({});
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [overBudget, setOverBudget] = useState<{
    input: FuseCreateInput;
    forecast: Forecast;
  } | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const ids = { template: useId(), model: useId(), instruction: useId(), missing: useId() };

  const view = templates.data?.find((t) => t.id === template);
  const instruction = edits[template] ?? view?.instruction ?? '';
  const isDefault = view !== undefined && instruction === view.defaultInstruction;

  const run = async (input: FuseCreateInput) => {
    setError(null);
    try {
      await fuse.mutateAsync(input);
      setOpen(false);
      setEdits((e) => ({ ...e, [input.template]: undefined }));
      // The server remembers the instruction sent (or forgets it, when it was the default): show
      // that at once when the menu opens again, then ask the server.
      if (input.instruction !== undefined)
        queryClient.setQueryData(trpc.fuse.templates.queryKey(), (old) =>
          old?.map((t) => (t.id === input.template ? remember(t, input.instruction!) : t)),
        );
      void queryClient.invalidateQueries({ queryKey: trpc.fuse.templates.queryKey() });
      onStarted();
    } catch (caught) {
      const forecast = input.confirmOverBudget ? null : overBudgetForecast(caught);
      if (forecast) {
        setOpen(false);
        setOverBudget({ input, forecast });
        return;
      }
      setError(describeFuseError(caught));
      setOpen(true);
    }
  };

  const submit = () => {
    const [providerId, ...rest] = model.split('/');
    if (!sessionId || !providerId || chosen.length === 0) return;
    const text = instruction.trim();
    if (template === 'custom' && text === '') {
      setMissing(true);
      document.getElementById(ids.instruction)?.focus();
      return;
    }
    void run({
      sessionId,
      template,
      providerId,
      modelId: rest.join('/'),
      // All chat panes: let the server take every one that has an answer.
      ...(chosen.length < chat.length ? { paneIds: chosen.map((p) => p.id) } : {}),
      ...(text !== '' ? { instruction: text } : {}),
    });
  };

  return (
    <>
      <Popover
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setError(null);
        }}
        label="Fuse answers"
        className="fuse-panel"
        align="end"
        trigger={
          <button type="button" ref={triggerRef} disabled={!sessionId || disabled}>
            Fuse…
          </button>
        }
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div>
            <label htmlFor={ids.template}>Template</label>
            <select
              id={ids.template}
              value={template}
              onChange={(e) => {
                setTemplate(e.target.value as FuseTemplate);
                setMissing(false);
              }}
            >
              {TEMPLATES.map((t) => (
                <option key={t} value={t}>
                  {FUSE_TEMPLATE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.model}>Model that writes it</label>
            <select id={ids.model} value={model} onChange={(e) => setModel(e.target.value)}>
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
          </div>
          <fieldset>
            <legend>Answers to use</legend>
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
          <div>
            <div className="instruction-head">
              <label htmlFor={ids.instruction}>Instruction</label>
              {template !== 'custom' && view && !isDefault ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setEdits((e) => ({ ...e, [template]: view.defaultInstruction }))}
                >
                  Reset to default
                </button>
              ) : null}
            </div>
            <textarea
              id={ids.instruction}
              value={instruction}
              placeholder={
                template === 'custom' ? 'What should the model do with the answers?' : undefined
              }
              disabled={!view}
              aria-invalid={missing && template === 'custom' ? true : undefined}
              aria-describedby={missing && template === 'custom' ? ids.missing : undefined}
              onChange={(e) => {
                setEdits((x) => ({ ...x, [template]: e.target.value }));
                if (e.target.value.trim() !== '') setMissing(false);
              }}
            />
            {missing && template === 'custom' ? (
              <p id={ids.missing} className="field-error" role="alert">
                {CUSTOM_NEEDS_TEXT}
              </p>
            ) : view?.remembered && edits[template] === undefined ? (
              <p className="instruction-note">Your edited instruction, kept from last time.</p>
            ) : null}
          </div>
          {error ? (
            <p className="error-text" role="alert">
              {error.message} {error.hint}
            </p>
          ) : null}
          <div className="row">
            <button
              type="submit"
              className="primary"
              disabled={!model || chosen.length === 0 || fuse.isPending}
            >
              {fuse.isPending ? 'Fusing…' : 'Fuse'}
            </button>
          </div>
        </form>
      </Popover>
      {overBudget ? (
        <ConfirmDialog
          title="Over budget"
          confirmLabel="Fuse anyway"
          onConfirm={() => void run({ ...overBudget.input, confirmOverBudget: true })}
          onClose={() => setOverBudget(null)}
          returnFocus={() => triggerRef.current}
        >
          {overBudgetText(overBudget.forecast, formatUsd)} Run it anyway?
        </ConfirmDialog>
      ) : null}
    </>
  );
}
