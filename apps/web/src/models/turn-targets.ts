import { LIMITS, type ModelSelection, type PaneDetail } from '@mlb/contracts';

import { sameModel, type SelectedModel } from './selection';

/**
 * A model the next prompt may go to: a chat pane of the open session (it continues that pane's
 * thread), or a model new to the session (it gets a new pane). A session's pane is never dropped
 * silently: leaving it out of the next prompt is the user's explicit choice (`skipped`).
 */
export interface TurnTarget extends SelectedModel {
  paneId?: string;
  skipped?: boolean;
}

export function fromPane(pane: PaneDetail): TurnTarget {
  return {
    paneId: pane.id,
    providerId: pane.providerId,
    modelId: pane.modelId,
    ...(pane.systemPrompt ? { systemPrompt: pane.systemPrompt } : {}),
    ...(pane.params.temperature !== undefined ? { temperature: pane.params.temperature } : {}),
    ...(pane.params.maxTokens !== undefined ? { maxTokens: pane.params.maxTokens } : {}),
  };
}

/**
 * The open session's targets: every chat pane in order, with the user's changes (`draft`) laid
 * over them. A model added in the draft adopts the pane the server made for it once one exists.
 */
export function sessionTargets(
  panes: readonly PaneDetail[],
  draft: readonly TurnTarget[] | undefined,
): TurnTarget[] {
  const chat = panes.filter((p) => p.kind === 'chat').sort((a, b) => a.position - b.position);
  if (!draft) return chat.map(fromPane);
  const added = draft.filter((t) => t.paneId === undefined);
  const targets = chat.map((pane): TurnTarget => {
    const known = draft.find((t) => t.paneId === pane.id);
    if (known) return known;
    const index = added.findIndex((t) => sameModel(t, pane));
    if (index < 0) return fromPane(pane);
    const [adopted] = added.splice(index, 1);
    return { ...adopted!, paneId: pane.id };
  });
  return [...targets, ...added];
}

export const isIncluded = (t: TurnTarget) => !t.skipped;

/** Picker checkbox: on includes a left-out pane of that model, or adds the model; off leaves it out. */
export function toggleTarget(
  targets: readonly TurnTarget[],
  model: { providerId: string; modelId: string },
): TurnTarget[] {
  const matching = targets.filter((t) => sameModel(t, model));
  if (matching.some(isIncluded)) return setIncluded(targets, model, false);
  if (matching.length > 0) return setIncluded(targets, model, true);
  if (targets.filter(isIncluded).length >= LIMITS.panesPerBroadcast) return [...targets];
  return [...targets, { providerId: model.providerId, modelId: model.modelId }];
}

function setIncluded(
  targets: readonly TurnTarget[],
  model: { providerId: string; modelId: string },
  included: boolean,
): TurnTarget[] {
  return targets.flatMap((t) => {
    if (!sameModel(t, model)) return [t];
    if (t.paneId === undefined) return included ? [t] : [];
    const { skipped: _skipped, ...rest } = t;
    return [included ? rest : { ...rest, skipped: true }];
  });
}

/** A chip's ×: a session pane is left out (it can come back), a model without a pane is removed. */
export function leaveOut(targets: readonly TurnTarget[], index: number): TurnTarget[] {
  return targets.flatMap((t, i) => {
    if (i !== index) return [t];
    return t.paneId === undefined ? [] : [{ ...t, skipped: true }];
  });
}

export function include(targets: readonly TurnTarget[], index: number): TurnTarget[] {
  return targets.map((t, i) => {
    if (i !== index) return t;
    const { skipped: _skipped, ...rest } = t;
    return rest;
  });
}

/** A preset: exactly these models next, through the session's panes where it has them. */
export function chooseModels(
  targets: readonly TurnTarget[],
  models: readonly SelectedModel[],
): TurnTarget[] {
  const wanted = [...models];
  const kept = targets
    .filter((t) => t.paneId !== undefined)
    .map((t): TurnTarget => {
      const index = wanted.findIndex((m) => sameModel(m, t));
      const { skipped: _skipped, ...rest } = t;
      if (index < 0) return { ...rest, skipped: true };
      const [chosen] = wanted.splice(index, 1);
      return { ...rest, ...chosen!, paneId: t.paneId };
    });
  return [...kept, ...wanted.map((m) => ({ ...m }))];
}

/** What `broadcast.create` gets: the included targets, with their settings. */
export function modelsToSend(targets: readonly TurnTarget[]): ModelSelection[] {
  return targets.filter(isIncluded).map((t) => ({
    providerId: t.providerId,
    modelId: t.modelId,
    ...(t.systemPrompt ? { systemPrompt: t.systemPrompt } : {}),
    ...(t.temperature !== undefined || t.maxTokens !== undefined
      ? {
          params: {
            ...(t.temperature !== undefined ? { temperature: t.temperature } : {}),
            ...(t.maxTokens !== undefined ? { maxTokens: t.maxTokens } : {}),
          },
        }
      : {}),
  }));
}

/** A new session's targets as the remembered selection (no panes, nothing left out). */
export const asSelection = (targets: readonly TurnTarget[]): SelectedModel[] =>
  targets.map(({ paneId: _p, skipped: _s, ...model }) => model);
