import { createHash } from 'node:crypto';

import { contentSecurityPolicy } from './headers';

/** The page's only style, allowed by its hash: the sign-in page loads nothing else. */
const STYLE = `
:root { color-scheme: light dark; --bg: #0f1115; --panel: #171a21; --border: #2a2f3a; --text: #e6e8ee; --muted: #8b93a5; --accent: #6366f1; --err: #ef4444; }
@media (prefers-color-scheme: light) { :root { --bg: #f6f7f9; --panel: #fff; --border: #dde1e7; --text: #1b1f27; --muted: #667085; --accent: #4f46e5; --err: #dc2626; } }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text); font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; }
form { width: min(360px, 90vw); padding: 24px; background: var(--panel); border: 1px solid var(--border); border-radius: 10px; display: grid; gap: 12px; }
h1 { margin: 0; font-size: 18px; }
p { margin: 0; color: var(--muted); }
input { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 8px; }
button { font: inherit; color: #fff; background: var(--accent); border: 0; border-radius: 6px; padding: 8px; cursor: pointer; }
.error { color: var(--err); }
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only a path on this workspace may follow a sign-in (never another site). */
export function safeNext(next: string | null | undefined): string {
  // Not `//host` or `/\host` (another site), and no spaces or control characters, which
  // browsers drop from URLs (`/\t/host` would become `//host`).
  return next && /^\/(?![/\\])[^\s\p{Cc}]*$/u.test(next) ? next : '/';
}

export function signInPageCsp(): string {
  return contentSecurityPolicy(null, { styleSrc: STYLE_HASH });
}

/** A plain form: it works without JavaScript, and the page runs none. */
export function signInPage(options: { next: string; error?: string }): string {
  const error = options.error
    ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Broadcast Workspace</title>
<style>${STYLE}</style>
</head>
<body>
<form method="post" action="/sign-in">
<h1>Broadcast Workspace</h1>
<p>Enter the access token this workspace was started with (ACCESS_TOKEN).</p>
${error}
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<button type="submit">Sign in</button>
</form>
</body>
</html>
`;
}
