import {
  FUSE_TEMPLATE_LABELS,
  type Forecast,
  type FuseRequest,
  type FuseSource,
  type FuseTemplateView,
} from '@mlb/contracts';

import { describeError, type UserError } from '../errors/user-error';

/**
 * A fusion's request in one line, instead of the instruction with every answer pasted in:
 * "Fuse into the best answer · from A: litellm / gpt-4o-mini, B: google / gemini-2.0-flash".
 */
export function describeFuseRequest(
  fuse: Pick<FuseRequest, 'template' | 'sources'>,
  /** What to call a source's pane (blind mode names it by letter); by model by default. */
  nameOf: (source: FuseSource) => string = (s) => `${s.providerId} / ${s.modelId}`,
): string {
  const label = FUSE_TEMPLATE_LABELS[fuse.template];
  if (fuse.sources.length === 0) return label;
  const from = fuse.sources.map((s) => `${s.label}: ${nameOf(s)}`).join(', ');
  return `${label} · from ${from}`;
}

/** The forecast a refusal over budget carries (CONFLICT with `data.overBudget`), else null. */
export function overBudgetForecast(error: unknown): Forecast | null {
  const data = (error as { data?: { overBudget?: { forecast?: unknown } | null } } | null)?.data;
  const forecast = data?.overBudget?.forecast;
  return typeof forecast === 'object' && forecast !== null ? (forecast as Forecast) : null;
}

const BUDGET_NAMES = {
  broadcast: 'this request’s',
  session: 'the session’s',
  monthly: 'the monthly',
};

/** "could cost up to $0.02, over the session's budget of $0.01 ($0.004 left)". */
export function overBudgetText(forecast: Forecast, usd: (n: number) => string): string {
  const crossed = forecast.budgets.filter((b) => b.exceeded);
  const limits = crossed
    .map(
      (b) => `${BUDGET_NAMES[b.scope]} budget of ${usd(b.limitUsd)} (${usd(b.remainingUsd)} left)`,
    )
    .join(' and ');
  return `This fusion could cost up to ${usd(forecast.total.maxCostUsd)}${limits ? `, over ${limits}` : ', over a budget'}.`;
}

/**
 * A failed fusion in the user's words. A budget with nothing left is a CONFLICT too, but not
 * "still answering": its own message says which budget (its suggestion names API calls).
 */
export function describeFuseError(error: unknown): UserError {
  const shape = error as { message?: unknown; data?: { code?: unknown } | null } | null;
  const message = typeof shape?.message === 'string' ? shape.message : '';
  if (shape?.data?.code === 'CONFLICT' && /\bbudget\b.*\bspent\b/.test(message))
    return {
      message,
      hint: 'Raise or clear the budget, or start a new session.',
      sessionGone: false,
    };
  return describeError(error, 'summarize');
}

/** A template after a fusion sent `instruction`: the server keeps it, or forgets it when it is the default. */
export function remember(view: FuseTemplateView, instruction: string): FuseTemplateView {
  const isDefault = instruction === view.defaultInstruction;
  return {
    ...view,
    instruction: isDefault ? view.defaultInstruction : instruction,
    remembered: !isDefault,
  };
}
