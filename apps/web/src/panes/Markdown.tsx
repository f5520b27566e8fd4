import { memo, useState, type ReactNode } from 'react';
import ReactMarkdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

/** One Markdown block; memoized so finished blocks never re-render while the answer streams. */
const Block = memo(function Block({ source }: { source: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm]}
      rehypePlugins={[[rehypeHighlight, { detect: false, ignoreMissing: true }]]}
      components={{
        pre: ({ children }) => (
          <div className="code">
            <CopyButton text={textOf(children)} label="Copy code" />
            <pre>{children}</pre>
          </div>
        ),
      }}
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
 * update every frame) and parse it as Markdown once it is complete.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = splitBlocks(text);
  const tail = streaming ? blocks.pop() : undefined;
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        <Block key={i} source={block} />
      ))}
      {tail !== undefined ? <p className="tail">{tail}</p> : null}
    </div>
  );
}

export { CopyButton };
