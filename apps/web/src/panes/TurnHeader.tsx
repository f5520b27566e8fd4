import { plural } from '../format';
import type { Turn } from './turns';

/** The session's prompts, once each above the panes: the latest in full, earlier ones folded. */
export function TurnHeader({ turns }: { turns: Turn[] }) {
  const latest = turns.at(-1);
  if (!latest) return null;
  const earlier = turns.slice(0, -1);
  return (
    <section className="turns" aria-label="Turns">
      {earlier.length > 0 ? (
        <details className="earlier-turns">
          <summary>Earlier prompts ({earlier.length})</summary>
          <ol>
            {earlier.map((t) => (
              <li key={t.broadcastId} value={t.number}>
                <span className="turn-prompt">{t.prompt}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <div className="turn latest" data-testid="turn-prompt">
        <span className="turn-label">
          Prompt {latest.number} · to {plural(latest.paneIds.length, 'pane')}
        </span>
        <p className="turn-prompt">{latest.prompt}</p>
      </div>
    </section>
  );
}
