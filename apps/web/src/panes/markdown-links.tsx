import type { Components } from 'react-markdown';

/** The only schemes a link in an answer may use; everything else (javascript:, data:, irc:…) is dropped. */
const ALLOWED_SCHEME = /^(https?|mailto):/i;

/**
 * react-markdown's `urlTransform`: keeps http(s) and mailto URLs and in-page fragments. Relative
 * paths are dropped too: in an answer they would point into this workspace.
 */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.startsWith('#')) return trimmed;
  return ALLOWED_SCHEME.test(trimmed) ? trimmed : null;
}

const EXTERNAL = { target: '_blank', rel: 'noopener noreferrer nofollow' } as const;

/**
 * Links open in a new tab, and images are never loaded: a model can be prompted into writing an
 * image URL that carries the conversation to a server, and a browser fetches images by itself.
 * An image is shown as a link the user may choose to open.
 */
export const linkComponents: Pick<Components, 'a' | 'img'> = {
  a: ({ href, children }) => (
    <a href={href} {...(href?.startsWith('#') ? {} : EXTERNAL)}>
      {children}
    </a>
  ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src !== '' ? (
      <a
        className="image-link"
        href={src}
        {...EXTERNAL}
        title="Images in answers are not loaded. Open it in a new tab if you trust it."
      >
        [image: {alt || src}]
      </a>
    ) : (
      <span className="image-link">[image: {alt || 'no address'}]</span>
    ),
};
