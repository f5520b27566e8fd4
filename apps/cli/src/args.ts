export interface CliArgs {
  url: string;
  prompt: string;
  models: { providerId: string; modelId: string }[];
  sessionId?: string;
}

const USAGE = `Usage: pnpm --filter @mlb/cli-example start -- [--url http://127.0.0.1:8080] [--model provider/model]... [--session ID] "prompt"

Broadcasts one prompt to every --model (default: the demo provider's three models) and prints
each pane as it streams, then its tokens, cost and timings.`;

/** Parses `--url`, repeated `--model provider/model`, `--session` and the prompt words. */
export function parseArgs(argv: string[]): CliArgs {
  let url = process.env.BROADCAST_URL ?? 'http://127.0.0.1:8080';
  const models: CliArgs['models'] = [];
  const words: string[] = [];
  let sessionId: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.\n\n${USAGE}`);
      return next;
    };
    if (arg === '--url') url = value();
    else if (arg === '--session') sessionId = value();
    else if (arg === '--model') {
      const spec = value();
      const slash = spec.indexOf('/');
      if (slash <= 0 || slash === spec.length - 1)
        throw new Error(
          `--model takes provider/model, e.g. groq/llama-3.1-8b-instant (got "${spec}").`,
        );
      models.push({ providerId: spec.slice(0, slash), modelId: spec.slice(slash + 1) });
    } else if (arg === '--') continue;
    else words.push(arg);
  }
  const prompt = words.join(' ').trim();
  if (!prompt) throw new Error(`Give a prompt.\n\n${USAGE}`);
  if (models.length === 0)
    for (const modelId of ['demo-fast', 'demo-balanced', 'demo-slow'])
      models.push({ providerId: 'demo', modelId });
  return { url: url.replace(/\/+$/, ''), prompt, models, ...(sessionId ? { sessionId } : {}) };
}
