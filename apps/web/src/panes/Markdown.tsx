import { memo, useState, type ReactNode } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';

import { linkComponents, safeUrl } from './markdown-links';
import { tailSegments } from './tail-segments';

/**
 * Copies `text`, or what `text()` returns at the moment of the click (for text that keeps
 * changing). The accessible name stays `label` while the button shows "Copied" for a moment.
 */
function CopyButton({
  text,
  label,
  visibleLabel = 'Copy',
  title,
}: {
  text: string | (() => string);
  label: string;
  visibleLabel?: string;
  title?: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      aria-label={label}
      title={title}
      onClick={() => {
        void navigator.clipboard?.writeText(typeof text === 'function' ? text() : text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {copied ? 'Copied' : visibleLabel}
    </button>
  );
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node)
    return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

/**
 * rehype-highlight registers every common highlight.js grammar each time it is attached, and
 * react-markdown attaches its plugins on every render: hand it one highlighter, built once.
 */
const highlightCode = rehypeHighlight({ detect: false });
const remarkPlugins: Options['remarkPlugins'] = [remarkGfm];
const rehypePlugins: Options['rehypePlugins'] = [() => highlightCode];
const components: Components = {
  ...linkComponents,
  pre: ({ children }) => (
    <div className="code">
      <CopyButton text={textOf(children)} label="Copy code" />
      <pre>{children}</pre>
    </div>
  ),
};

/**
 * One Markdown block; memoized so finished blocks never re-render while the answer streams.
 * Raw HTML in an answer is shown as text (react-markdown escapes it without rehype-raw), links
 * keep only safe schemes and images are shown as links (see markdown-links.tsx).
 */
const Block = memo(function Block({ source }: { source: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      components={components}
      urlTransform={safeUrl}
    >
      {source}
    </ReactMarkdown>
  );
});

/** Splits Markdown at blank lines outside code fences: every block but the last is final. */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

/**
 * While an answer streams, its last block is still growing: show it as plain text (cheap to
 * update every frame), in pieces that only ever grow at the end (see tailSegments), and parse it
 * as Markdown once it is complete.
 */
export const Markdown = memo(function Markdown({
  text,
  streaming = false,
}: {
  text: string;
  streaming?: boolean;
}) {
  const blocks = splitBlocks(text);
  const tail = streaming ? blocks.pop() : undefined;
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        <Block key={i} source={block} />
      ))}
      {tail !== undefined ? <p className="tail">{tailSegments(tail)}</p> : null}
    </div>
  );
});

export { CopyButton };
