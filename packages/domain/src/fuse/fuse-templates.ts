import { FUSE_TEMPLATE_LABELS, type FuseTemplate, type FuseTemplateView } from '@mlb/contracts';

import type { DomainContext } from '../context';

/** What each template asks the model to do with the answers (the user may replace it). */
export const DEFAULT_INSTRUCTIONS: Record<FuseTemplate, string> = {
  summarize:
    'Summarize the answers below from different models to the same conversation. Say where they agree, where they differ, and which points are unique to one answer. Be concise and use Markdown.',
  fuse: 'Fuse the answers below into the single best answer to the prompt: keep what is correct and useful in each, resolve contradictions (say how), and leave out what is wrong or redundant. Answer the prompt directly, in Markdown.',
  critique:
    'Critique each answer below in turn: what it gets right, what is wrong or missing, and how clear it is. One short section per answer, then a brief comparison.',
  pick_best:
    'Pick the best answer below for the prompt and say why, with concrete reasons. Then say briefly what each other answer lacks compared to it.',
  custom: '',
};

/**
 * Said after every instruction: the source markers the workspace reads back as citations. Models
 * follow a plain, concrete rule with an example better than a format description.
 */
export const CITATION_RULE =
  'The answers are labelled [A], [B], and so on. End every paragraph of your reply with the labels of the answers it draws on, in square brackets, for example [A] or [A, C]. A paragraph that draws on none of them ends without a label.';

const settingKey = (template: FuseTemplate) => `fuse.instruction.${template}`;

async function remembered(
  ctx: Pick<DomainContext, 'db'>,
  template: FuseTemplate,
): Promise<string | null> {
  const raw = await ctx.db.settings.get(settingKey(template));
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  } catch {
    return null;
  }
}

/** The instruction a fusion with this template sends when it is given none. */
export async function instructionFor(
  ctx: Pick<DomainContext, 'db'>,
  template: FuseTemplate,
): Promise<string> {
  return (await remembered(ctx, template)) ?? DEFAULT_INSTRUCTIONS[template];
}

/** Keeps the user's instruction for next time (giving the default back forgets it). */
export async function rememberInstruction(
  ctx: Pick<DomainContext, 'db'>,
  template: FuseTemplate,
  instruction: string,
): Promise<void> {
  const isDefault = instruction === DEFAULT_INSTRUCTIONS[template];
  await ctx.db.settings.set(settingKey(template), isDefault ? null : JSON.stringify(instruction));
}

/** Every template, in the order the UI offers them, with the instruction it would send. */
export async function fuseTemplates(ctx: Pick<DomainContext, 'db'>): Promise<FuseTemplateView[]> {
  const templates = Object.keys(FUSE_TEMPLATE_LABELS) as FuseTemplate[];
  return Promise.all(
    templates.map(async (id) => {
      const own = await remembered(ctx, id);
      return {
        id,
        label: FUSE_TEMPLATE_LABELS[id],
        instruction: own ?? DEFAULT_INSTRUCTIONS[id],
        defaultInstruction: DEFAULT_INSTRUCTIONS[id],
        remembered: own !== null,
      };
    }),
  );
}
